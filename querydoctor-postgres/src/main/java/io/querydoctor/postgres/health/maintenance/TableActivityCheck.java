package io.querydoctor.postgres.health.maintenance;

import io.querydoctor.postgres.health.CatalogQuery;
import io.querydoctor.postgres.health.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Per-table activity since the statistics reset: live and dead tuples, rows modified since the last
 * ANALYZE, last (auto)vacuum and (auto)analyze, scans, and whether autovacuum is switched off for it.
 * Feeds stale-statistics, vacuum-overdue and low-index-usage.
 */
public final class TableActivityCheck {

  private TableActivityCheck() {}

  /**
   * @param table the table
   * @param rowEstimate {@code reltuples} (the planner's row count), -1 when never analyzed or vacuumed
   * @param pages {@code relpages}
   * @param liveTuples {@code n_live_tup}
   * @param deadTuples {@code n_dead_tup}
   * @param modifiedSinceAnalyze {@code n_mod_since_analyze}
   * @param analyzedAgeSeconds seconds since the last manual or automatic ANALYZE, -1 if never
   * @param vacuumedAgeSeconds seconds since the last manual or automatic VACUUM, -1 if never
   * @param seqScans sequential scans since the reset
   * @param indexScans index scans since the reset
   * @param autovacuumDisabled {@code autovacuum_enabled = false} on the table
   * @param statsAgeSeconds how long the statistics have been collecting
   */
  public record Row(QualifiedName table, long rowEstimate, long pages, long liveTuples, long deadTuples,
      long modifiedSinceAnalyze, long analyzedAgeSeconds, long vacuumedAgeSeconds, long seqScans,
      long indexScans, boolean autovacuumDisabled, long statsAgeSeconds) {

    /**
     * The planner's row count, or the live-tuple counter before the first ANALYZE. The counter is not
     * preferred: a session that inserts and analyzes flushes its insert counts after the analyze reset them.
     */
    public long rows() {
      return rowEstimate > 0 ? rowEstimate : liveTuples;
    }
  }

  static final String SQL = """
      SELECT s.schemaname AS schema, s.relname AS table_name,
             c.reltuples::bigint AS row_estimate, c.relpages AS pages,
             s.n_live_tup AS live_tuples, s.n_dead_tup AS dead_tuples,
             s.n_mod_since_analyze AS modified_since_analyze,
             coalesce(extract(epoch FROM now() - greatest(s.last_analyze, s.last_autoanalyze))::bigint, -1)
                 AS analyzed_age_seconds,
             coalesce(extract(epoch FROM now() - greatest(s.last_vacuum, s.last_autovacuum))::bigint, -1)
                 AS vacuumed_age_seconds,
             coalesce(s.seq_scan, 0) AS seq_scans, coalesce(s.idx_scan, 0) AS index_scans,
             EXISTS (SELECT 1 FROM unnest(c.reloptions) AS o
                      WHERE o ~* '^autovacuum_enabled=(false|off|no|0)$') AS autovacuum_disabled,
             extract(epoch FROM now() - coalesce(
                 (SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database()),
                 pg_postmaster_start_time()))::bigint AS stats_age_seconds
        FROM pg_stat_user_tables s
        JOIN pg_class c ON c.oid = s.relid
       WHERE c.relkind IN ('r', 'm')
       ORDER BY s.schemaname, s.relname
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(new QualifiedName(rs.getString("schema"), rs.getString("table_name")),
        rs.getLong("row_estimate"), rs.getLong("pages"), rs.getLong("live_tuples"), rs.getLong("dead_tuples"),
        rs.getLong("modified_since_analyze"), rs.getLong("analyzed_age_seconds"),
        rs.getLong("vacuumed_age_seconds"), rs.getLong("seq_scans"), rs.getLong("index_scans"),
        rs.getBoolean("autovacuum_disabled"), rs.getLong("stats_age_seconds"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, TableActivityCheck::map);
}
