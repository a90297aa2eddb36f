package io.querydoctor.monitor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the history from growing without limit: full-resolution samples older than the retention window become
 * hourly rollups (statement deltas summed per hour and query id, database deltas per hour), rollups older than
 * their own window are deleted, and when the history's disk size passes the bound the oldest full-resolution
 * samples go first (rolled up like expired ones, so the hourly view survives).
 *
 * <p>Design: rolling up and deleting happen in one transaction, so a sample is either full-resolution or in
 * the rollups, never both or neither. A rollup row may receive samples in several sweeps (an hour that expires
 * across two sweeps), hence the additive upsert. PostgreSQL does not give deleted space back to the file system
 * (new rows reuse it), so after trimming for size the full-resolution tables are compacted with
 * {@code VACUUM FULL}; trimming goes down to 90 % of the bound so this happens once per 10 % of growth, not at
 * every sample.
 */
final class RetentionSweep {

  /** What one sweep removed. */
  record Result(int expiredSamples, int trimmedSamples, long sizeBytes) {}

  static final double TRIM_TO = 0.9;

  private static final List<String> FULL_RESOLUTION = List.of("statement_delta", "database_delta", "table_delta",
      "activity", "sample");

  private final Connection connection;

  RetentionSweep(Connection connection) {
    this.connection = connection;
  }

  Result sweep(Instant now, Duration full, Duration rollups, long maxBytes) throws SQLException {
    int expired = rollUpAndDelete(now.minus(full));
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM qd_monitor.statement_hourly WHERE hour < ?");
        PreparedStatement deleteDb = connection.prepareStatement("DELETE FROM qd_monitor.database_hourly WHERE hour < ?")) {
      HistoryStore.setInstant(delete, 1, now.minus(rollups));
      delete.executeUpdate();
      HistoryStore.setInstant(deleteDb, 1, now.minus(rollups));
      deleteDb.executeUpdate();
    }
    long size = sizeBytes(connection);
    int trimmed = 0;
    if (maxBytes > 0 && size > maxBytes) {
      trimmed = trimForSize(size, maxBytes);
      size = sizeBytes(connection);
    }
    return new Result(expired, trimmed, size);
  }

  /**
   * Drops the oldest full-resolution samples, in proportion to how far the history is over {@code 90 %} of the
   * bound (rows of the full-resolution tables are most of it), then compacts those tables.
   */
  private int trimForSize(long size, long maxBytes) throws SQLException {
    long samples;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM qd_monitor.sample")) {
      rs.next();
      samples = rs.getLong(1);
    }
    long drop = (long) Math.ceil(samples * (size - maxBytes * TRIM_TO) / (double) size);
    if (drop <= 0) {
      return 0;
    }
    Instant cutoff;
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT interval_end FROM qd_monitor.sample ORDER BY interval_end OFFSET ? LIMIT 1")) {
      select.setLong(1, Math.min(drop, samples) - 1);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return 0;
        }
        Timestamp last = rs.getTimestamp(1);
        cutoff = last.toInstant().plusNanos(1_000);
      }
    }
    int trimmed = rollUpAndDelete(cutoff);
    try (Statement s = connection.createStatement()) {
      for (String table : FULL_RESOLUTION) {
        s.execute("VACUUM FULL qd_monitor." + table);
      }
    }
    return trimmed;
  }

  /** Rolls the samples ending before {@code cutoff} up into the hourly tables and deletes them; one transaction. */
  private int rollUpAndDelete(Instant cutoff) throws SQLException {
    connection.setAutoCommit(false);
    try {
      execute("""
          INSERT INTO qd_monitor.statement_hourly AS h (target, hour, queryid, calls, total_exec_ms, rows,
                 shared_blks_hit, shared_blks_read, temp_blks_written)
          SELECT s.target, date_trunc('hour', s.interval_end AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', d.queryid,
                 sum(d.calls), sum(d.total_exec_ms), sum(d.rows), sum(d.shared_blks_hit), sum(d.shared_blks_read),
                 sum(d.temp_blks_written)
            FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
           WHERE s.interval_end < ? GROUP BY 1, 2, 3
          ON CONFLICT (target, hour, queryid) DO UPDATE SET calls = h.calls + excluded.calls,
            total_exec_ms = h.total_exec_ms + excluded.total_exec_ms, rows = h.rows + excluded.rows,
            shared_blks_hit = h.shared_blks_hit + excluded.shared_blks_hit,
            shared_blks_read = h.shared_blks_read + excluded.shared_blks_read,
            temp_blks_written = h.temp_blks_written + excluded.temp_blks_written""", cutoff);
      execute("""
          INSERT INTO qd_monitor.database_hourly AS h (target, hour, samples, xact_commit, xact_rollback,
                 own_rollbacks, blks_hit, blks_read, temp_files, temp_bytes, deadlocks)
          SELECT s.target, date_trunc('hour', s.interval_end AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', count(*),
                 sum(d.xact_commit), sum(d.xact_rollback), sum(d.own_rollbacks), sum(d.blks_hit), sum(d.blks_read),
                 sum(d.temp_files), sum(d.temp_bytes), sum(d.deadlocks)
            FROM qd_monitor.database_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
           WHERE s.interval_end < ? GROUP BY 1, 2
          ON CONFLICT (target, hour) DO UPDATE SET samples = h.samples + excluded.samples,
            xact_commit = h.xact_commit + excluded.xact_commit, xact_rollback = h.xact_rollback + excluded.xact_rollback,
            own_rollbacks = h.own_rollbacks + excluded.own_rollbacks, blks_hit = h.blks_hit + excluded.blks_hit,
            blks_read = h.blks_read + excluded.blks_read, temp_files = h.temp_files + excluded.temp_files,
            temp_bytes = h.temp_bytes + excluded.temp_bytes, deadlocks = h.deadlocks + excluded.deadlocks""",
          cutoff);
      int deleted = execute("DELETE FROM qd_monitor.sample WHERE interval_end < ?", cutoff);
      connection.commit();
      return deleted;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private int execute(String sql, Instant at) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      HistoryStore.setInstant(statement, 1, at);
      return statement.executeUpdate();
    }
  }

  static long sizeBytes(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("""
        SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'qd_monitor' AND c.relkind = 'r'""");
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
