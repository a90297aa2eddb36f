package io.querydoctor.mysql.plan;

import io.querydoctor.mysql.connect.SafeExecutor;
import io.querydoctor.mysql.connect.ServerVersion;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Explains one statement on a live MySQL/MariaDB server through the read-only {@link SafeExecutor} (every call in
 * {@code START TRANSACTION READ ONLY} … {@code ROLLBACK}, under the session's statement time limit).
 * {@code EXPLAIN FORMAT=JSON} by default; with {@code analyze} and a read, the statement runs: MariaDB
 * {@code ANALYZE FORMAT=JSON}, MySQL 8.0.18+ {@code EXPLAIN ANALYZE}. Writes and locking reads are refused with
 * one line: the server refuses even their EXPLAIN in a read-only transaction, and running one is not this tool's
 * to do.
 */
public final class MysqlExplainer {

  private static final Pattern READ = Pattern.compile("(?is)^\\s*(/\\*.*?\\*/\\s*)*(select|with|\\(\\s*select)\\b.*");
  private static final Pattern LOCKING = Pattern.compile("(?i)\\bfor\\s+update\\b|\\bfor\\s+share\\b|\\block\\s+in\\s+share"
      + "\\s+mode\\b|\\binto\\s+(outfile|dumpfile|@)");

  private final SafeExecutor executor;

  public MysqlExplainer(SafeExecutor executor) {
    this.executor = executor;
  }

  /**
   * A plan and how it was obtained.
   *
   * @param plan the plan, its tables named by table rather than alias
   * @param command the EXPLAIN command that produced it
   * @param analyzed whether the statement ran
   * @param note why the statement did not run although asked, or empty
   */
  public record Explained(MysqlPlan plan, String command, boolean analyzed, String note) {}

  /** Whether {@code statement} is a read this explainer plans: a SELECT or WITH, not a locking read. */
  public static boolean isRead(String statement) {
    return READ.matcher(statement).matches() && !LOCKING.matcher(statement).find();
  }

  public Explained explain(String sql, boolean analyze) throws SQLException {
    String statement = sql.strip().replaceAll(";\\s*$", "");
    ServerVersion server = executor.server();
    boolean read = isRead(statement);
    String note = "";
    String command = "EXPLAIN FORMAT=JSON";
    if (!read) {
      // The session is read-only, and MariaDB refuses even EXPLAIN of a write in a read-only transaction.
      throw new SQLException("only reads (SELECT, WITH) are explained on MySQL/MariaDB: the tool's session is "
          + "read-only and the server refuses even EXPLAIN of a write or locking read there; explain a SELECT with "
          + "the same WHERE clause instead");
    }
    if (analyze && server.isMariaDb()) {
      command = "ANALYZE FORMAT=JSON";
    } else if (analyze && server.atLeast(8, 0, 18)) {
      command = "EXPLAIN ANALYZE";
    } else if (analyze) {
      note = "EXPLAIN ANALYZE needs MySQL 8.0.18 or later (this is " + server.label() + "); the statement was only planned";
    }
    String full = command + " " + statement;
    List<String> rows = executor.queryUnprepared(full, rs -> rs.getString(1));
    if (rows.isEmpty()) {
      throw new SQLException("the server returned no plan for " + command);
    }
    MysqlPlan plan = MysqlPlans.read(rows.get(0)).withTableNames(TableAliases.of(statement));
    return new Explained(plan, command, !command.equals("EXPLAIN FORMAT=JSON"), note);
  }
}
