package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps {@code statement_rollup_hour} up to date: every full UTC hour of a target's statement history summed per
 * query id, with the 95th percentile of the per-sample means in that hour. Pages over more than six hours read
 * these rows (hours × query ids) instead of every sample (minutes × query ids): over 30 days of 1-minute samples
 * that is 60 times fewer rows. An hour is rolled up once it is over; the hour in progress is read from the samples.
 * Full days are rolled up once more into {@code statement_rollup_day}, for
 * ranges of days. Also records the latest text of each query id in {@code statement_text}.
 */
final class StatementRollup {

  private static final String ROLLUP = """
      INSERT INTO qd_monitor.statement_rollup_hour
        (target, hour, queryid, calls, total_exec_ms, rows, temp_blks_written, p95_mean_ms)
      SELECT s.target, date_trunc('hour', s.interval_end), d.queryid, sum(d.calls), sum(d.total_exec_ms),
             sum(d.rows), sum(d.temp_blks_written),
             percentile_cont(0.95) WITHIN GROUP (ORDER BY d.total_exec_ms / greatest(d.calls, 1))
        FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
       WHERE s.target = ? AND s.interval_end >= ? AND s.interval_end < ?
       GROUP BY 1, 2, 3
      ON CONFLICT (target, hour, queryid) DO NOTHING""";

  /** The start of the five-minute bucket of {@code t}, in SQL any supported PostgreSQL runs. */
  static final String FIVE = "date_trunc('hour', %1$s) + floor(extract(minute FROM %1$s) / 5) * interval '5 minutes'";

  private static final String ROLLUP_5M = """
      INSERT INTO qd_monitor.statement_rollup_5m
        (target, bucket, queryid, calls, total_exec_ms, rows, temp_blks_written, p95_mean_ms)
      SELECT s.target, %s, d.queryid, sum(d.calls), sum(d.total_exec_ms), sum(d.rows), sum(d.temp_blks_written),
             percentile_cont(0.95) WITHIN GROUP (ORDER BY d.total_exec_ms / greatest(d.calls, 1))
        FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
       WHERE s.target = ? AND s.interval_end >= ? AND s.interval_end < ?
       GROUP BY 1, 2, 3
      ON CONFLICT (target, bucket, queryid) DO NOTHING""".formatted(FIVE.formatted("s.interval_end"));

  private static final String DATABASE_HOURS = """
      INSERT INTO qd_monitor.database_rollup_hour
        (target, hour, blks_hit, blks_read, commits, app_rollbacks, idx_scan, seq_scan)
      SELECT s.target, date_trunc('hour', s.interval_end), coalesce(sum(d.blks_hit), 0), coalesce(sum(d.blks_read), 0),
             coalesce(sum(d.xact_commit), 0), coalesce(sum(d.xact_rollback - d.own_rollbacks), 0),
             coalesce(sum((SELECT sum(t.idx_scan) FROM qd_monitor.table_delta t WHERE t.sample_id = s.id)), 0),
             coalesce(sum((SELECT sum(t.seq_scan) FROM qd_monitor.table_delta t WHERE t.sample_id = s.id)), 0)
        FROM qd_monitor.sample s LEFT JOIN qd_monitor.database_delta d ON d.sample_id = s.id
       WHERE s.target = ? AND s.interval_end >= ? AND s.interval_end < ?
       GROUP BY 1, 2
      ON CONFLICT (target, hour) DO NOTHING""";

  private static final String TEXTS = """
      INSERT INTO qd_monitor.statement_text (target, queryid, query)
      SELECT DISTINCT ON (d.queryid) s.target, d.queryid, d.query
        FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
       WHERE s.target = ? AND s.interval_end > ? AND d.query IS NOT NULL
       ORDER BY d.queryid, s.interval_end DESC
      ON CONFLICT (target, queryid) DO UPDATE SET query = excluded.query""";

  private static final String DAYS = """
      INSERT INTO qd_monitor.statement_rollup_day
        (target, day, queryid, calls, total_exec_ms, rows, temp_blks_written, p95_mean_ms)
      SELECT target, date_trunc('day', hour), queryid, sum(calls), sum(total_exec_ms), sum(rows),
             sum(temp_blks_written), percentile_cont(0.95) WITHIN GROUP (ORDER BY p95_mean_ms)
        FROM qd_monitor.statement_rollup_hour
       WHERE target = ? AND hour >= ? AND hour < ?
       GROUP BY 1, 2, 3
      ON CONFLICT (target, day, queryid) DO NOTHING""";

  /** Rolls up every full five-minute bucket not rolled up yet, within the full-resolution history. */
  private Instant fiveMinutes(String target, Instant now) throws SQLException {
    Instant current = fiveMinuteStart(now);
    Instant from = store.query("""
        SELECT coalesce((SELECT max(bucket) + interval '5 minutes' FROM qd_monitor.statement_rollup_5m
                          WHERE target = ?),
                        (SELECT %s FROM qd_monitor.sample WHERE target = ? AND interval_end = (SELECT min(interval_end)
                           FROM qd_monitor.sample WHERE target = ?) LIMIT 1))""".formatted(FIVE.formatted("interval_end")),
        rs -> DashboardStore.instant(rs, "coalesce"), target, target, target).get(0);
    if (from != null && from.isBefore(current)) {
      for (Instant start = from; start.isBefore(current); start = start.plus(Duration.ofDays(1))) {
        Instant end = start.plus(Duration.ofDays(1)).isBefore(current) ? start.plus(Duration.ofDays(1)) : current;
        store.update(ROLLUP_5M, target, start, end);
      }
    }
    return current;
  }

  static Instant fiveMinuteStart(Instant t) {
    Instant hour = t.truncatedTo(ChronoUnit.HOURS);
    long minutes = Duration.between(hour, t).toMinutes();
    return hour.plus(Duration.ofMinutes(minutes - minutes % 5));
  }

  private final DashboardStore store;
  private final Map<String, Instant> textsUntil = new HashMap<>();

  StatementRollup(DashboardStore store) {
    this.store = store;
  }

  /** Rolls up every full hour of {@code target} not rolled up yet, before {@code now}'s hour. */
  void catchUp(String target, Instant now) throws SQLException {
    Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
    Instant from = store.query("""
        SELECT coalesce((SELECT max(hour) + interval '1 hour' FROM qd_monitor.statement_rollup_hour
                          WHERE target = ?),
                        (SELECT date_trunc('hour', min(interval_end)) FROM qd_monitor.sample WHERE target = ?))""",
        rs -> DashboardStore.instant(rs, "coalesce"), target, target).get(0);
    if (from != null && from.isBefore(currentHour)) {
      // A day at a time, so that catching up on a month of history is not one enormous statement.
      for (Instant start = from; start.isBefore(currentHour); start = start.plus(Duration.ofDays(1))) {
        Instant end = start.plus(Duration.ofDays(1)).isBefore(currentHour) ? start.plus(Duration.ofDays(1))
            : currentHour;
        store.update(ROLLUP, target, start, end);
        store.update(DATABASE_HOURS, target, start, end);
      }
    }
    Instant five = fiveMinutes(target, now);
    Instant today = now.truncatedTo(ChronoUnit.DAYS);
    Instant fromDay = store.query("""
        SELECT coalesce((SELECT max(day) + interval '1 day' FROM qd_monitor.statement_rollup_day WHERE target = ?),
                        (SELECT date_trunc('day', min(hour)) FROM qd_monitor.statement_rollup_hour WHERE target = ?))""",
        rs -> DashboardStore.instant(rs, "coalesce"), target, target).get(0);
    if (fromDay != null && fromDay.isBefore(today)) {
      store.update(DAYS, target, fromDay, today);
    }
    store.rolledUp(target, new DashboardStore.Rolled(today, currentHour, five));
    Instant since = textsUntil.getOrDefault(target, now.minus(Duration.ofDays(1)));
    store.update(TEXTS, target, since);
    textsUntil.put(target, now);
  }
}
