package io.querydoctor.mysql.advisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.mysql.plan.rules.MysqlDdl;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What dropping an index would do, without dropping it: MariaDB 10.6+ can make an index {@code IGNORED} and MySQL
 * 8.0 {@code INVISIBLE} — the optimizer stops using it while it stays maintained — so the statements are planned
 * with the index hidden and then it is shown again in a {@code finally}. Only on the declared sandbox: hiding an
 * index on a production table would change its plans for every session.
 */
public final class IgnoredIndexWhatIf {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SandboxDatabase sandbox;

  public IgnoredIndexWhatIf(SandboxDatabase sandbox) {
    this.sandbox = sandbox;
  }

  /**
   * The optimizer's cost of each statement with {@code index} on {@code table} and without it.
   *
   * @param before cost per statement with the index visible
   * @param without cost per statement with the index ignored
   */
  public record DropEffect(String table, String index, List<Double> before, List<Double> without) {

    /** True when no statement gets more expensive without the index: it can go for this workload. */
    public boolean droppable() {
      for (int i = 0; i < before.size(); i++) {
        if (without.get(i) > before.get(i) * 1.01) {
          return false;
        }
      }
      return true;
    }
  }

  public DropEffect withoutIndex(String table, String index, List<String> statements) throws SQLException {
    String qualified = sandbox.qualified(table);
    String hide = sandbox.isMariaDb() ? "IGNORED" : "INVISIBLE";
    String show = sandbox.isMariaDb() ? "NOT IGNORED" : "VISIBLE";
    List<Double> before = costs(statements);
    sandbox.execute("ALTER TABLE " + qualified + " ALTER INDEX " + MysqlDdl.quote(index) + " " + hide);
    try {
      return new DropEffect(table, index, before, costs(statements));
    } finally {
      sandbox.execute("ALTER TABLE " + qualified + " ALTER INDEX " + MysqlDdl.quote(index) + " " + show);
    }
  }

  private List<Double> costs(List<String> statements) throws SQLException {
    List<Double> costs = new ArrayList<>();
    try (Statement s = sandbox.connection().createStatement()) {
      for (String sql : statements) {
        try (ResultSet rs = s.executeQuery("EXPLAIN FORMAT=JSON " + sql)) {
          rs.next();
          var block = JSON.readTree(rs.getString(1)).path("query_block");
          costs.add(block.has("cost") ? block.get("cost").asDouble()
              : block.path("cost_info").path("query_cost").asDouble());
        } catch (IOException e) {
          throw new SQLException("unreadable EXPLAIN output: " + e.getMessage(), e);
        }
      }
    }
    return costs;
  }
}
