package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Statement history over a time range, from the cheapest rows that cover it: whole days from
 * {@code statement_rollup_day}, whole hours from {@code statement_rollup_hour}, the hour in progress (or the
 * whole range when it is six hours or less) from the samples. Each source yields the same columns, so every
 * aggregate is one query over their union.
 */
final class StatementHistory {

  /** A query id's totals over a range; {@code p95Ms} is an estimate (percentile of per-sample means). */
  record Totals(long queryid, long calls, double totalMs, long rows, double p95Ms) {
    double meanMs() {
      return calls == 0 ? 0 : totalMs / calls;
    }
  }

  /** One point of a query id's time series. */
  record Point(Instant at, long calls, double totalMs, long rows, long tempBlocks, double p95Ms, double minutes) {}

  private final DashboardStore store;

  StatementHistory(DashboardStore store) {
    this.store = store;
  }

  /**
   * The union of sources over {@code range} as (queryid, t, calls, ms, rows, temp, p95, minutes), and its
   * parameters. Ranges are aligned to their rollups: a range of hours starts at its first five-minute bucket, a
   * longer one at its first hour (a day beyond two days).
   */
  static Sources sources(String target, TimeRange range, DashboardStore.Rolled rolled) {
    List<String> parts = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    Instant next = StatementRollup.fiveMinuteStart(range.from());
    if (range.hourly()) {
      next = range.from().truncatedTo(ChronoUnit.HOURS);
      if (range.length().compareTo(Duration.ofDays(2)) > 0) {
        Instant daysFrom = range.from().truncatedTo(ChronoUnit.DAYS);
        Instant daysTo = latest(daysFrom, earliest(range.to().truncatedTo(ChronoUnit.DAYS), rolled.day()));
        parts.add("SELECT queryid, day AS t, calls, total_exec_ms, rows, temp_blks_written, p95_mean_ms, 1440.0 AS m"
            + " FROM qd_monitor.statement_rollup_day WHERE target = ? AND day >= ? AND day < ?");
        parameters.addAll(List.of(target, daysFrom, daysTo));
        next = daysTo;
      }
      Instant hoursTo = latest(next, earliest(range.to().truncatedTo(ChronoUnit.HOURS), rolled.hour()));
      parts.add("SELECT queryid, hour, calls, total_exec_ms, rows, temp_blks_written, p95_mean_ms, 60.0"
          + " FROM qd_monitor.statement_rollup_hour WHERE target = ? AND hour >= ? AND hour < ?");
      parameters.addAll(List.of(target, next, hoursTo));
      next = hoursTo;
    }
    // The rest of the current hour (long ranges) or the whole range (ranges of hours) in five-minute buckets.
    Instant fiveTo = latest(next, earliest(StatementRollup.fiveMinuteStart(range.to()), rolled.five()));
    parts.add("SELECT queryid, bucket, calls, total_exec_ms, rows, temp_blks_written, p95_mean_ms, 5.0"
        + " FROM qd_monitor.statement_rollup_5m WHERE target = ? AND bucket >= ? AND bucket < ?");
    parameters.addAll(List.of(target, next, fiveTo));
    Instant five = fiveTo;
    parts.add("SELECT d.queryid, s.interval_end, d.calls, d.total_exec_ms, d.rows, d.temp_blks_written,"
        + " d.total_exec_ms / greatest(d.calls, 1), extract(epoch FROM s.interval_end - s.interval_start) / 60"
        + " FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id"
        + " WHERE s.target = ? AND s.interval_end >= ? AND s.interval_end <= ?");
    parameters.addAll(List.of(target, five, range.to()));
    return new Sources(String.join("\nUNION ALL\n", parts), parameters);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  record Sources(String sql, List<Object> parameters) {
    Object[] with(Object... more) {
      List<Object> all = new ArrayList<>(parameters);
      all.addAll(List.of(more));
      return all.toArray();
    }
  }

  /** A query id's totals with its sparkline: time per slice of the range. */
  record Shape(Totals totals, double[] spark) {}

  /**
   * Totals per query id over {@code range}, most time first, each with the time of each of {@code buckets} equal
   * slices of the range. The rows of the sources are summed here rather than in SQL: one plain scan of at most
   * (buckets of the range × query ids) rows, where grouping them twice in the store (totals with a percentile, and
   * slices) took three times as long (measured: docs/performance.md).
   */
  List<Shape> shapes(String target, TimeRange range, int buckets) throws SQLException {
    Sources sources = sources(target, range, store.rolled(target));
    double bucketMillis = range.length().toMillis() / (double) buckets;
    long from = range.from().toEpochMilli();
    Map<Long, ShapeSum> sums = new HashMap<>();
    store.run(c -> {
      try (var select = c.prepareStatement("SELECT queryid, t, calls, ms, rows, p95 FROM (" + sources.sql()
          + ") r (queryid, t, calls, ms, rows, temp, p95, m)")) {
        DashboardStore.bind(select, sources.with());
        select.setFetchSize(10_000);
        try (var rs = select.executeQuery()) {
          while (rs.next()) {
            int bucket = (int) Math.max(0, Math.min(buckets - 1,
                Math.floor((rs.getTimestamp(2).getTime() - from) / bucketMillis)));
            sums.computeIfAbsent(rs.getLong(1), k -> new ShapeSum(buckets))
                .add(bucket, rs.getLong(3), rs.getDouble(4), rs.getLong(5), rs.getDouble(6));
          }
        }
      }
      return null;
    });
    List<Shape> shapes = new ArrayList<>(sums.size());
    sums.forEach((queryid, sum) -> shapes.add(new Shape(new Totals(queryid, sum.calls, sum.ms, sum.rows,
        sum.p95()), sum.spark)));
    shapes.sort((x, y) -> Double.compare(y.totals().totalMs(), x.totals().totalMs()));
    return shapes;
  }

  /** Running sums of one query id, with the per-row p95 values for their percentile. */
  private static final class ShapeSum {
    final double[] spark;
    long calls;
    double ms;
    long rows;
    double[] p95s = new double[16];
    int count;

    ShapeSum(int buckets) {
      spark = new double[buckets];
    }

    void add(int bucket, long calls, double ms, long rows, double p95) {
      spark[bucket] += ms;
      this.calls += calls;
      this.ms += ms;
      this.rows += rows;
      if (count == p95s.length) {
        p95s = java.util.Arrays.copyOf(p95s, count * 2);
      }
      p95s[count++] = p95;
    }

    /** As PostgreSQL's {@code percentile_cont(0.95)}: linear interpolation between the closest ranks. */
    double p95() {
      if (count == 0) {
        return 0;
      }
      double[] sorted = java.util.Arrays.copyOf(p95s, count);
      java.util.Arrays.sort(sorted);
      double position = 0.95 * (count - 1);
      int lower = (int) Math.floor(position);
      int upper = Math.min(lower + 1, count - 1);
      return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
  }

  /** The {@code n} query ids with the most time over {@code range} (no percentile): for comparisons. */
  List<Totals> top(String target, TimeRange range, int n) throws SQLException {
    Sources sources = sources(target, range, store.rolled(target));
    return store.query("WITH r (queryid, t, calls, ms, rows, temp, p95, m) AS (" + sources.sql() + ")"
        + " SELECT queryid, sum(calls), sum(ms), sum(rows) FROM r GROUP BY queryid ORDER BY 3 DESC LIMIT ?",
        rs -> new Totals(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4), 0), sources.with(n));
  }

  /** Calls, time and rows over {@code range} of the given query ids only (no percentile): for comparisons. */
  Map<Long, Totals> totalsOf(String target, TimeRange range, List<Long> queryids) throws SQLException {
    Map<Long, Totals> totals = new HashMap<>();
    if (queryids.isEmpty()) {
      return totals;
    }
    Sources sources = sources(target, range, store.rolled(target));
    store.run(c -> {
      try (var select = c.prepareStatement("WITH r (queryid, t, calls, ms, rows, temp, p95, m) AS ("
          + sources.sql() + ") SELECT queryid, sum(calls), sum(ms), sum(rows) FROM r WHERE queryid = ANY(?)"
          + " GROUP BY queryid")) {
        DashboardStore.bind(select, sources.with(c.createArrayOf("int8", queryids.toArray())));
        try (var rs = select.executeQuery()) {
          while (rs.next()) {
            totals.put(rs.getLong(1), new Totals(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4), 0));
          }
        }
      }
      return null;
    });
    return totals;
  }

  /** The time series of one query id over {@code range}, oldest first, at the sources' resolution. */
  List<Point> series(String target, long queryid, TimeRange range) throws SQLException {
    Sources sources = sources(target, range, store.rolled(target));
    return store.query("WITH r (queryid, t, calls, ms, rows, temp, p95, m) AS (" + sources.sql() + ")"
        + " SELECT t, calls, ms, rows, temp, p95, m FROM r WHERE queryid = ? ORDER BY t",
        rs -> new Point(DashboardStore.instant(rs, "t"), rs.getLong(2), rs.getDouble(3), rs.getLong(4),
            rs.getLong(5), rs.getDouble(6), rs.getDouble(7)), sources.with(queryid));
  }

  /** The latest known text of each query id (as pg_stat_statements normalised it). */
  Map<Long, String> texts(String target, List<Long> queryids) throws SQLException {
    Map<Long, String> texts = new HashMap<>();
    if (queryids.isEmpty()) {
      return texts;
    }
    store.run(c -> {
      try (var select = c.prepareStatement(
          "SELECT queryid, query FROM qd_monitor.statement_text WHERE target = ? AND queryid = ANY(?)")) {
        select.setString(1, target);
        select.setArray(2, c.createArrayOf("int8", queryids.toArray()));
        try (var rs = select.executeQuery()) {
          while (rs.next()) {
            texts.put(rs.getLong(1), rs.getString(2));
          }
        }
      }
      List<Long> missing = queryids.stream().filter(id -> !texts.containsKey(id)).toList();
      if (!missing.isEmpty()) {
        try (var select = c.prepareStatement("SELECT DISTINCT ON (queryid) queryid, query FROM qd_monitor."
            + "statement_delta WHERE queryid = ANY(?) AND query IS NOT NULL ORDER BY queryid, sample_id DESC")) {
          select.setArray(1, c.createArrayOf("int8", missing.toArray()));
          try (var rs = select.executeQuery()) {
            while (rs.next()) {
              texts.put(rs.getLong(1), rs.getString(2));
            }
          }
        }
      }
      return null;
    });
    return texts;
  }
}
