package io.querydoctor.postgres.health.database;

import io.querydoctor.postgres.health.CatalogQuery;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Transaction and temporary-file counters of the current database since its statistics reset. */
public final class DatabaseActivityCheck {

  private DatabaseActivityCheck() {}

  /**
   * @param database the current database
   * @param commits committed transactions
   * @param rollbacks rolled back transactions
   * @param tempFiles temporary files written by queries
   * @param tempBytes bytes written to them
   * @param workMemKb {@code work_mem} in kB
   * @param statsAgeSeconds how long the counters have been collecting
   */
  public record Row(String database, long commits, long rollbacks, long tempFiles, long tempBytes, long workMemKb,
      long statsAgeSeconds) {}

  static final String SQL = """
      SELECT d.datname AS database, d.xact_commit AS commits, d.xact_rollback AS rollbacks,
             d.temp_files, d.temp_bytes,
             (SELECT setting::bigint FROM pg_settings WHERE name = 'work_mem') AS work_mem_kb,
             extract(epoch FROM now() - coalesce(d.stats_reset, pg_postmaster_start_time()))::bigint
                 AS stats_age_seconds
        FROM pg_stat_database d
       WHERE d.datname = current_database()
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getString("database"), rs.getLong("commits"), rs.getLong("rollbacks"),
        rs.getLong("temp_files"), rs.getLong("temp_bytes"), rs.getLong("work_mem_kb"),
        rs.getLong("stats_age_seconds"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, DatabaseActivityCheck::map);
}
