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
      }
    }
    Instant today = now.truncatedTo(ChronoUnit.DAYS);
    Instant fromDay = store.query("""
        SELECT coalesce((SELECT max(day) + interval '1 day' FROM qd_monitor.statement_rollup_day WHERE target = ?),
                        (SELECT date_trunc('day', min(hour)) FROM qd_monitor.statement_rollup_hour WHERE target = ?))""",
        rs -> DashboardStore.instant(rs, "coalesce"), target, target).get(0);
    if (fromDay != null && fromDay.isBefore(today)) {
      store.update(DAYS, target, fromDay, today);
    }
    Instant since = textsUntil.getOrDefault(target, now.minus(Duration.ofDays(1)));
    store.update(TEXTS, target, since);
    textsUntil.put(target, now);
  }
}
