package io.querydoctor.postgres.advisor;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.List;

/**
 * The workload as pg_stat_statements saw it in the current database: the top statement shapes by total
 * execution time, reads and writes, with calls and rows per hour since its statistics were reset. The tool's
 * own statements (those {@code SafeExecutor} marks with its leading comment, and the generic planner's look-up of
 * its prepared statement) are not the application's workload: they showed up as statements of the workload once a
 * server's log had been read through SQL.
 */
final class PgWorkloadReader {

  private static final String TOP_STATEMENTS = """
      SELECT s.query, s.calls, s.mean_exec_time, s.rows,
             greatest(extract(epoch FROM now() - i.stats_reset) / 3600, 1) AS hours
      FROM pg_stat_statements s CROSS JOIN pg_stat_statements_info i
      WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND s.toplevel AND s.query ~* '^\\s*(select|with|update|delete|insert)\\M'
        AND s.query !~* '\\m(pg_catalog|information_schema|pg_stat\\w*|pg_class|pg_index|pg_namespace)\\M'
        AND s.query !~* '\\mpg_prepared_statements\\M' AND s.query !~ '^\\s*/\\* querydoctor \\*/'
      ORDER BY s.total_exec_time DESC
      LIMIT ?
      """;

  /**
   * The same on PostgreSQL 13 (pg_stat_statements 1.8): no {@code toplevel} column and no reset time, so rates
   * run from the server's start.
   */
  private static final String TOP_STATEMENTS_13 = """
      SELECT s.query, s.calls, s.mean_exec_time, s.rows,
             greatest(extract(epoch FROM now() - pg_postmaster_start_time()) / 3600, 1) AS hours
      FROM pg_stat_statements s
      WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND s.query ~* '^\\s*(select|with|update|delete|insert)\\M'
        AND s.query !~* '\\m(pg_catalog|information_schema|pg_stat\\w*|pg_class|pg_index|pg_namespace)\\M'
        AND s.query !~* '\\mpg_prepared_statements\\M' AND s.query !~ '^\\s*/\\* querydoctor \\*/'
      ORDER BY s.total_exec_time DESC
      LIMIT ?
      """;

  /** First major with pg_stat_statements 1.9 ({@code toplevel}, {@code pg_stat_statements_info}). */
  private static final int TOPLEVEL_SINCE = 14;

  private final int top;

  PgWorkloadReader(int top) {
    this.top = top;
  }

  List<WorkloadStatement> read(SafeExecutor executor) throws SQLException {
    String query = executor.serverMajorVersion() < TOPLEVEL_SINCE ? TOP_STATEMENTS_13 : TOP_STATEMENTS;
    return executor.query(query, rs -> {
      double hours = rs.getDouble(5);
      long calls = rs.getLong(2);
      return new WorkloadStatement(rs.getString(1), calls / hours, rs.getDouble(3),
          calls == 0 ? 0 : (double) rs.getLong(4) / calls);
    }, top);
  }
}
