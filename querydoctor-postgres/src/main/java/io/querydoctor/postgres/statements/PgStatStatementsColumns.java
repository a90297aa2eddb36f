package io.querydoctor.postgres.statements;

import java.util.List;

/**
 * The timing columns of {@code pg_stat_statements}, which PostgreSQL 13 renamed when it added planning time
 * ({@code total_time} became {@code total_exec_time}, and so on). A version gate as data: the first entry whose
 * {@code minServerVersion} the server reaches is used.
 *
 * @param minServerVersion lowest {@code server_version_num} these names apply to
 * @param total summed execution time column, milliseconds
 * @param min fastest execution column
 * @param max slowest execution column
 */
record PgStatStatementsColumns(int minServerVersion, String total, String min, String max) {

  static final List<PgStatStatementsColumns> BY_VERSION = List.of(
      new PgStatStatementsColumns(130000, "total_exec_time", "min_exec_time", "max_exec_time"),
      new PgStatStatementsColumns(0, "total_time", "min_time", "max_time"));

  static PgStatStatementsColumns forServer(int serverVersionNum) {
    return BY_VERSION.stream().filter(c -> serverVersionNum >= c.minServerVersion).findFirst().orElseThrow();
  }

  /** The snapshot query for this server: every statement with its user and database names. */
  String query() {
    return """
        SELECT s.queryid, r.rolname, d.datname, s.query, s.calls, s.%s AS total_ms, s.%s AS min_ms,
               s.%s AS max_ms, s.rows
          FROM pg_stat_statements s
          LEFT JOIN pg_roles r ON r.oid = s.userid
          LEFT JOIN pg_database d ON d.oid = s.dbid
         WHERE s.calls > 0 AND s.query IS NOT NULL
        """.formatted(total, min, max);
  }
}
