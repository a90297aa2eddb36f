package io.querydoctor.mysql.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.advisor.IndexCandidate;
import io.querydoctor.core.advisor.PlannedCost;
import io.querydoctor.core.advisor.SortKey;
import io.querydoctor.core.advisor.WhatIf;
import io.querydoctor.core.advisor.WhatIfException;
import io.querydoctor.mysql.plan.rules.MysqlDdl;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What-if without HypoPG, for MySQL and MariaDB: no engine has hypothetical indexes, and DDL is not transactional
 * (it commits), so each candidate is built for real on the declared {@link SandboxDatabase}
 * ({@code ALTER TABLE … ADD INDEX}), the statements are planned with {@code EXPLAIN FORMAT=JSON}, and every index
 * built is dropped again in a {@code finally}, also when planning fails. The cost is the optimizer's query cost
 * (MariaDB 11 {@code cost}, MySQL {@code cost_info.query_cost}, else {@code Last_query_cost}); the indexes a plan
 * uses are the {@code key}s it names. Sizes come from InnoDB's persistent statistics of the built index. Not
 * thread-safe; one instance per advice.
 */
public final class BuiltIndexWhatIf implements WhatIf {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MIN_SIZE_BYTES = 16 * 1024;

  private final SandboxDatabase sandbox;
  private final Map<IndexCandidate, Long> sizes = new HashMap<>();
  private int built;

  public BuiltIndexWhatIf(SandboxDatabase sandbox) {
    this.sandbox = sandbox;
  }

  @Override
  public List<PlannedCost> plan(List<String> statements, Set<IndexCandidate> indexes) throws WhatIfException {
    Map<String, IndexCandidate> names = new LinkedHashMap<>();
    Map<String, String> tables = new HashMap<>();
    try {
      for (IndexCandidate index : indexes) {
        String name = "qd_whatif_" + (++built);
        String table = sandbox.qualified(index.table());
        sandbox.execute("ALTER TABLE " + table + " ADD INDEX " + MysqlDdl.quote(name) + " (" + keys(index) + ")");
        names.put(name, index);
        tables.put(name, table);
        sizes.computeIfAbsent(index, i -> size(index.table(), name));
      }
      List<PlannedCost> costs = new ArrayList<>();
      for (String sql : statements) {
        costs.add(explain(sql, names));
      }
      return costs;
    } catch (SQLException e) {
      throw new WhatIfException(e.getMessage(), e);
    } finally {
      dropAll(names.keySet(), tables);
    }
  }

  private void dropAll(Set<String> names, Map<String, String> tables) throws WhatIfException {
    SQLException failure = null;
    for (String name : names) {
      try {
        sandbox.execute("ALTER TABLE " + tables.get(name) + " DROP INDEX " + MysqlDdl.quote(name));
      } catch (SQLException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new WhatIfException("could not drop a what-if index on the sandbox: " + failure.getMessage(), failure);
    }
  }

  static String keys(IndexCandidate index) throws SQLException {
    if (index.predicate() != null || !index.include().isEmpty()) {
      throw new SQLException("MySQL/MariaDB have no partial or INCLUDE indexes: " + index.definition());
    }
    List<String> keys = new ArrayList<>();
    for (SortKey key : index.keys()) {
      String expression = key.expression();
      String sql = expression.matches("[A-Za-z_][\\w$]*") ? MysqlDdl.quote(expression) : "(" + expression + ")";
      keys.add(key.descending() ? sql + " DESC" : sql);
    }
    return String.join(", ", keys);
  }

  private long size(String table, String index) {
    String sql = "SELECT stat_value * @@innodb_page_size FROM mysql.innodb_index_stats WHERE database_name = ? "
        + "AND table_name = ? AND index_name = ? AND stat_name = 'size'";
    try (PreparedStatement ps = sandbox.connection().prepareStatement(sql)) {
      ps.setString(1, sandbox.database());
      ps.setString(2, table);
      ps.setString(3, index);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Math.max(MIN_SIZE_BYTES, rs.getLong(1)) : MIN_SIZE_BYTES;
      }
    } catch (SQLException e) {
      return MIN_SIZE_BYTES;
    }
  }

  private PlannedCost explain(String sql, Map<String, IndexCandidate> names) throws SQLException {
    try (Statement s = sandbox.connection().createStatement()) {
      String json;
      try (ResultSet rs = s.executeQuery("EXPLAIN FORMAT=JSON " + sql)) {
        rs.next();
        json = rs.getString(1);
      }
      JsonNode plan = JSON.readTree(json);
      JsonNode block = plan.path("query_block");
      double cost = block.has("cost") ? block.get("cost").asDouble()
          : block.path("cost_info").has("query_cost") ? block.path("cost_info").get("query_cost").asDouble()
          : lastQueryCost(s);
      Set<IndexCandidate> used = new HashSet<>();
      collect(plan, names, used);
      return new PlannedCost(cost, used);
    } catch (IOException e) {
      throw new SQLException("unreadable EXPLAIN output: " + e.getMessage(), e);
    }
  }

  private static double lastQueryCost(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Last_query_cost'")) {
      return rs.next() ? rs.getDouble(2) : 0;
    }
  }

  private static void collect(JsonNode node, Map<String, IndexCandidate> names, Set<IndexCandidate> used) {
    if (node.isObject()) {
      JsonNode key = node.get("key");
      if (key != null && key.isTextual()) {
        for (String part : key.asText().split("[(),]")) {
          if (names.containsKey(part.strip())) {
            used.add(names.get(part.strip()));
          }
        }
      }
      node.forEach(child -> collect(child, names, used));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, names, used));
    }
  }

  @Override
  public long sizeBytes(IndexCandidate index) throws WhatIfException {
    if (!sizes.containsKey(index)) {
      plan(List.of(), Set.of(index));
    }
    return sizes.get(index);
  }

  @Override
  public boolean buildsIndexes() {
    return true;
  }

  @Override
  public String method() {
    return "built on the declared sandbox with ALTER TABLE … ADD INDEX, optimizer cost of EXPLAIN FORMAT=JSON, "
        + "dropped again";
  }
}
