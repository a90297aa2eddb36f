package io.querydoctor.monitor.metrics;

import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.sample.Activity;
import io.querydoctor.monitor.sample.DatabaseCounters;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.sample.StatementCounters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /metrics} shows: per target the latest activity gauges and counters accumulated from the
 * sampled deltas since the monitor started (so they never go backwards, whatever resets happen on the
 * server), per query id for the {@code topStatements} with the most time plus one {@code other} series, and
 * the monitor's own health. Updated by the sampling thread, read by the HTTP thread: every method is
 * synchronized.
 */
public final class MonitorMetrics {

  private static final class TargetSeries {
    Activity activity;
    boolean up;
    double lastSampleSeconds;
    long samples;
    long failures;
    long commits;
    long rollbacks;
    long blksHit;
    long blksRead;
    long tempBytes;
    long deadlocks;
    final Map<Long, double[]> statements = new LinkedHashMap<>();
    List<io.querydoctor.monitor.log.StatementLatency> latencies = List.of();
    /** Calls and seconds of query ids no longer tracked one by one (see {@link #MAX_TRACKED}). */
    final double[] folded = new double[2];
  }

  /**
   * Query ids tracked one by one per target. Over months, statements come and go (deploys, evictions from
   * pg_stat_statements); beyond this many, those with the least time are folded into {@code other}, so memory
   * stays bounded however long the monitor runs.
   */
  static final int MAX_TRACKED = 2_000;

  private final int topStatements;
  private final Map<String, TargetSeries> targets = new LinkedHashMap<>();
  private long storeSizeBytes;
  private long storeErrors;
  private int storeBuffered;
  private long storeDropped;
  private long storeTrimmed;
  private List<Alert> openAlerts = List.of();
  private final Map<String, PoolerSeries> poolers = new LinkedHashMap<>();

  /** A PgBouncer's latest pools and its statistics accumulated since the monitor started, per database. */
  private static final class PoolerSeries {
    boolean up;
    List<io.querydoctor.monitor.pgbouncer.PoolState> pools = List.of();
    final Map<String, long[]> totals = new LinkedHashMap<>();
  }
  private List<DeliveryQueue> deliveries = List.of();

  public MonitorMetrics(int topStatements) {
    this.topStatements = topStatements;
  }

  public synchronized void record(Sample sample) {
    TargetSeries series = targets.computeIfAbsent(sample.target(), t -> new TargetSeries());
    series.samples++;
    series.up = sample.ok();
    series.lastSampleSeconds = sample.durationMs() / 1000;
    if (!sample.ok()) {
      series.failures++;
      return;
    }
    series.activity = sample.activity();
    if (sample.deltas() != null) {
      DatabaseCounters d = sample.deltas().database();
      series.commits += d.xactCommit();
      series.rollbacks += Math.max(0, d.xactRollback() - sample.ownRollbacks());
      series.blksHit += d.blksHit();
      series.blksRead += d.blksRead();
      series.tempBytes += d.tempBytes();
      series.deadlocks += d.deadlocks();
      for (StatementCounters s : sample.deltas().statements()) {
        double[] totals = series.statements.computeIfAbsent(s.queryid(), q -> new double[2]);
        totals[0] += s.calls();
        totals[1] += s.totalExecMs() / 1000;
      }
      if (series.statements.size() > MAX_TRACKED) {
        fold(series);
      }
    }
  }

  /** Folds the query ids with the least time into the {@code other} totals, down to 3/4 of the bound. */
  private static void fold(TargetSeries series) {
    List<Map.Entry<Long, double[]>> sorted = new ArrayList<>(series.statements.entrySet());
    sorted.sort(Comparator.comparingDouble(e -> e.getValue()[1]));
    for (int i = 0; i < sorted.size() - MAX_TRACKED * 3 / 4; i++) {
      double[] totals = sorted.get(i).getValue();
      series.folded[0] += totals[0];
      series.folded[1] += totals[1];
      series.statements.remove(sorted.get(i).getKey());
    }
  }

  /** Query ids tracked one by one for {@code target} (for the memory-bound test). */
  synchronized int trackedStatements(String target) {
    TargetSeries series = targets.get(target);
    return series == null ? 0 : series.statements.size();
  }

  public synchronized void storeStatus(long sizeBytes, boolean failed) {
    if (sizeBytes >= 0) {
      storeSizeBytes = sizeBytes;
    }
    if (failed) {
      storeErrors++;
    }
  }

  /** Samples waiting in memory for the store to come back, and those dropped because the buffer was full. */
  public synchronized void storeBuffer(int buffered, long dropped) {
    storeBuffered = buffered;
    storeDropped = dropped;
  }

  /** Full-resolution samples dropped because the store passed its size bound (added up). */
  public synchronized void storeTrimmed(long samples) {
    storeTrimmed += samples;
  }

  public synchronized void alerts(List<Alert> open) {
    openAlerts = List.copyOf(open);
  }

  public synchronized void deliveries(List<DeliveryQueue> queues) {
    deliveries = List.copyOf(queues);
  }

  /** The latest interval's percentiles of {@code target}'s top statements (measured or estimated). */
  public synchronized void latencies(String target, List<io.querydoctor.monitor.log.StatementLatency> latest) {
    targets.computeIfAbsent(target, t -> new TargetSeries()).latencies = List.copyOf(latest);
  }

  /** A PgBouncer sample: its pools replace the previous ones, its statistics' deltas add up. */
  public synchronized void pooler(io.querydoctor.monitor.pgbouncer.PoolerSample sample) {
    PoolerSeries series = poolers.computeIfAbsent(sample.pooler(), p -> new PoolerSeries());
    series.up = sample.ok();
    if (!sample.ok()) {
      return;
    }
    series.pools = sample.pools();
    for (io.querydoctor.monitor.pgbouncer.PoolerStats s : sample.stats()) {
      long[] totals = series.totals.computeIfAbsent(s.database(), d -> new long[3]);
      totals[0] += s.transactions();
      totals[1] += s.queries();
      totals[2] += s.waitMicros();
    }
  }

  /** The exposition text. */
  public synchronized String render() {
    PrometheusText text = new PrometheusText();
    health(text);
    activity(text);
    database(text);
    statements(text);
    latencies(text);
    PoolerMetrics.render(text, poolers.entrySet().stream().map(e -> new PoolerMetrics.Series(e.getKey(),
        e.getValue().up, e.getValue().pools, e.getValue().totals)).toList());
    alertsAndDeliveries(text);
    return text.toString();
  }

  private void health(PrometheusText text) {
    text.family("querydoctor_monitor_up", "gauge", "1 when the latest sample of the target succeeded.");
    targets.forEach((t, s) -> text.sample("querydoctor_monitor_up", s.up ? 1 : 0, "target", t));
    text.family("querydoctor_monitor_sample_duration_seconds", "gauge", "How long the latest sample took.");
    targets.forEach((t, s) -> text.sample("querydoctor_monitor_sample_duration_seconds", s.lastSampleSeconds,
        "target", t));
    text.family("querydoctor_monitor_samples_total", "counter", "Samples taken, failed ones included.");
    targets.forEach((t, s) -> text.sample("querydoctor_monitor_samples_total", s.samples, "target", t));
    text.family("querydoctor_monitor_sample_errors_total", "counter", "Samples that failed.");
    targets.forEach((t, s) -> text.sample("querydoctor_monitor_sample_errors_total", s.failures, "target", t));
    text.family("querydoctor_monitor_store_size_bytes", "gauge", "Disk space the history store takes.");
    text.sample("querydoctor_monitor_store_size_bytes", storeSizeBytes);
    text.family("querydoctor_monitor_store_errors_total", "counter", "Samples the history store failed to keep.");
    text.sample("querydoctor_monitor_store_errors_total", storeErrors);
    text.family("querydoctor_monitor_store_buffered_samples", "gauge",
        "Samples kept in memory until the history store accepts them again.");
    text.sample("querydoctor_monitor_store_buffered_samples", storeBuffered);
    text.family("querydoctor_monitor_store_dropped_samples_total", "counter",
        "Samples lost because the store stayed away longer than the in-memory buffer holds.");
    text.sample("querydoctor_monitor_store_dropped_samples_total", storeDropped);
    text.family("querydoctor_monitor_store_trimmed_samples_total", "counter",
        "Oldest full-resolution samples dropped (kept as hourly rollups) because the store passed its size bound.");
    text.sample("querydoctor_monitor_store_trimmed_samples_total", storeTrimmed);
  }

  private void activity(PrometheusText text) {
    text.family("querydoctor_database_connections", "gauge", "Client connections, by state.");
    targets.forEach((t, s) -> {
      if (s.activity != null) {
        text.sample("querydoctor_database_connections", s.activity.active(), "target", t, "state", "active");
        text.sample("querydoctor_database_connections", s.activity.idle(), "target", t, "state", "idle");
        text.sample("querydoctor_database_connections", s.activity.idleInTransaction(), "target", t, "state",
            "idle_in_transaction");
        text.sample("querydoctor_database_connections", s.activity.connections() - s.activity.active()
            - s.activity.idle() - s.activity.idleInTransaction(), "target", t, "state", "other");
      }
    });
    activityGauge(text, "querydoctor_database_max_connections", "The server's max_connections.",
        a -> (double) a.maxConnections());
    activityGauge(text, "querydoctor_database_idle_in_transaction_max_seconds",
        "Longest time a session has been idle in transaction.", Activity::longestIdleInTransactionSeconds);
    activityGauge(text, "querydoctor_database_longest_query_seconds", "Longest running active statement.",
        Activity::longestQuerySeconds);
    activityGauge(text, "querydoctor_database_blocked_sessions", "Sessions waiting on a lock held by another.",
        a -> (double) a.blocked());
    activityGauge(text, "querydoctor_database_lock_wait_max_seconds", "Longest wait of a blocked session.",
        Activity::longestLockWaitSeconds);
    activityGauge(text, "querydoctor_database_replication_lag_seconds",
        "Replay lag: of this standby, or the largest of this primary's standbys.", Activity::replicationLagSeconds);
  }

  private void activityGauge(PrometheusText text, String name, String help,
      java.util.function.Function<Activity, Double> value) {
    text.family(name, "gauge", help);
    targets.forEach((t, s) -> {
      Double v = s.activity == null ? null : value.apply(s.activity);
      if (v != null) {
        text.sample(name, v, "target", t);
      }
    });
  }

  private void database(PrometheusText text) {
    counter(text, "querydoctor_database_commits_total", "Committed transactions sampled.", s -> s.commits);
    counter(text, "querydoctor_database_rollbacks_total",
        "Rolled-back transactions sampled, the monitor's own left out.", s -> s.rollbacks);
    counter(text, "querydoctor_database_blocks_hit_total", "Buffer cache hits.", s -> s.blksHit);
    counter(text, "querydoctor_database_blocks_read_total", "Blocks read from disk or OS cache.", s -> s.blksRead);
    counter(text, "querydoctor_database_temp_bytes_total", "Bytes written to temporary files.", s -> s.tempBytes);
    counter(text, "querydoctor_database_deadlocks_total", "Deadlocks detected.", s -> s.deadlocks);
  }

  private void counter(PrometheusText text, String name, String help,
      java.util.function.ToLongFunction<TargetSeries> value) {
    text.family(name, "counter", help);
    targets.forEach((t, s) -> text.sample(name, value.applyAsLong(s), "target", t));
  }

  private void statements(PrometheusText text) {
    text.family("querydoctor_statement_calls_total", "counter",
        "Calls per query id, for the top statements by time; the rest summed as queryid=\"other\".");
    Map<String, List<double[]>> rows = new LinkedHashMap<>();
    targets.forEach((t, s) -> rows.put(t, topAndOther(s)));
    rows.forEach((t, list) -> list.forEach(r -> text.sample("querydoctor_statement_calls_total", r[1], "target", t,
        "queryid", label(r))));
    text.family("querydoctor_statement_exec_seconds_total", "counter",
        "Execution time per query id, for the top statements by time; the rest summed as queryid=\"other\".");
    rows.forEach((t, list) -> list.forEach(r -> text.sample("querydoctor_statement_exec_seconds_total", r[2],
        "target", t, "queryid", label(r))));
  }

  /** Rows of {queryid, calls, seconds, isOther}: the top N by time, then one "other" row. */
  private List<double[]> topAndOther(TargetSeries series) {
    List<Map.Entry<Long, double[]>> sorted = new ArrayList<>(series.statements.entrySet());
    sorted.sort(Comparator.comparingDouble((Map.Entry<Long, double[]> e) -> e.getValue()[1]).reversed());
    List<double[]> rows = new ArrayList<>();
    double[] other = {0, series.folded[0], series.folded[1], 1};
    for (int i = 0; i < sorted.size(); i++) {
      double[] totals = sorted.get(i).getValue();
      if (i < topStatements) {
        rows.add(new double[] {sorted.get(i).getKey(), totals[0], totals[1], 0});
      } else {
        other[1] += totals[0];
        other[2] += totals[1];
      }
    }
    rows.add(other);
    return rows;
  }

  /**
   * Measured and estimated percentiles under different names, so a dashboard cannot show an estimate as a
   * measurement: the top statements of the latest interval only (bounded like the statement series).
   */
  private void latencies(PrometheusText text) {
    latencyFamily(text, "querydoctor_statement_latency_seconds", true,
        "Latency percentiles of the latest interval, measured from the server log (--log), per query id.");
    latencyFamily(text, "querydoctor_statement_latency_estimate_seconds", false,
        "Latency percentiles of the latest interval estimated from pg_stat_statements' mean and stddev "
            + "(a normal approximation, not a measurement), per query id.");
  }

  private void latencyFamily(PrometheusText text, String name, boolean measured, String help) {
    text.family(name, "gauge", help);
    targets.forEach((t, s) -> {
      int shown = 0;
      for (io.querydoctor.monitor.log.StatementLatency l : s.latencies) {
        if (l.measured() != measured || l.queryid() == null || shown++ >= topStatements) {
          continue;
        }
        String id = Long.toString(l.queryid());
        text.sample(name, l.p50Ms() / 1000, "target", t, "queryid", id, "percentile", "50");
        text.sample(name, l.p95Ms() / 1000, "target", t, "queryid", id, "percentile", "95");
        text.sample(name, l.p99Ms() / 1000, "target", t, "queryid", id, "percentile", "99");
      }
    });
  }

  private static String label(double[] row) {
    return row[3] == 1 ? "other" : Long.toString((long) row[0]);
  }

  private void alertsAndDeliveries(PrometheusText text) {
    text.family("querydoctor_alerts", "gauge", "Open alerts by rule and state.");
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Alert a : openAlerts) {
      counts.merge(a.rule().id() + "\u0000" + a.state().label(), 1, Integer::sum);
    }
    counts.forEach((k, n) -> {
      String[] parts = k.split("\u0000");
      text.sample("querydoctor_alerts", n, "rule", parts[0], "state", parts[1]);
    });
    text.family("querydoctor_monitor_notifications_total", "counter", "Notifications delivered, by notifier.");
    deliveries.forEach(q -> text.sample("querydoctor_monitor_notifications_total", q.delivered(), "notifier",
        q.notifier().name()));
    text.family("querydoctor_monitor_notification_failures_total", "counter",
        "Failed delivery attempts (each retry counts), by notifier.");
    deliveries.forEach(q -> text.sample("querydoctor_monitor_notification_failures_total", q.failedAttempts(),
        "notifier", q.notifier().name()));
    text.family("querydoctor_monitor_notifications_dropped_total", "counter",
        "Notifications dropped because the delivery queue was full.");
    deliveries.forEach(q -> text.sample("querydoctor_monitor_notifications_dropped_total", q.dropped(), "notifier",
        q.notifier().name()));
  }

  /** Query ids of {@code target} tracked one by one now (at most {@link #MAX_TRACKED}), for memory checks. */
  public synchronized int trackedQueryIds(String target) {
    TargetSeries series = targets.get(target);
    return series == null ? 0 : series.statements.size();
  }

  /** How many alerts are firing now. */
  public synchronized long firing() {
    return openAlerts.stream().filter(a -> a.state() == AlertState.FIRING).count();
  }
}
