package io.querydoctor.monitor;

import java.time.Duration;

/**
 * How the monitor runs.
 *
 * @param interval time between samples
 * @param heavyInterval time between heavy check runs (catalog health checks)
 * @param retention how long full-resolution history is kept (older samples become hourly rollups)
 * @param rollupRetention how long the hourly rollups are kept
 * @param storeMaxBytes disk size bound of the history (0: none); beyond it the oldest full-resolution samples go
 * @param planStatements top statements whose plan fingerprints the heavy runs keep (0: none)
 * @param baselineWindow how far back a statement's baseline reaches for {@code latency-regression}
 * @param minCalls calls a statement needs, now and in its baseline, to be compared
 * @param topStatements query ids with their own series in /metrics (the rest are {@code other})
 * @param repeatFiring how often firing alerts are re-sent to notifiers that expire them (Alertmanager)
 */
public record MonitorSettings(Duration interval, Duration heavyInterval, Duration retention,
    Duration baselineWindow, long minCalls, int topStatements, Duration repeatFiring, Duration rollupRetention,
    long storeMaxBytes, int planStatements) {

  /** 1 GiB: months of one busy database at a 60 s interval, and small next to the databases it watches. */
  public static final long DEFAULT_STORE_MAX_BYTES = 1L << 30;

  public static MonitorSettings defaults() {
    return new MonitorSettings(Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofDays(14),
        Duration.ofHours(24), 5, 20, Duration.ofMinutes(1), Duration.ofDays(90), DEFAULT_STORE_MAX_BYTES, 10);
  }

  public MonitorSettings withInterval(Duration value) {
    return new MonitorSettings(value, heavyInterval, retention, baselineWindow, minCalls, topStatements,
        repeatFiring, rollupRetention, storeMaxBytes, planStatements);
  }

  public MonitorSettings withHeavyInterval(Duration value) {
    return new MonitorSettings(interval, value, retention, baselineWindow, minCalls, topStatements, repeatFiring,
        rollupRetention, storeMaxBytes, planStatements);
  }

  public MonitorSettings withRetention(Duration value) {
    return new MonitorSettings(interval, heavyInterval, value, baselineWindow, minCalls, topStatements,
        repeatFiring, rollupRetention, storeMaxBytes, planStatements);
  }

  public MonitorSettings withStoreMaxBytes(long value) {
    return new MonitorSettings(interval, heavyInterval, retention, baselineWindow, minCalls, topStatements,
        repeatFiring, rollupRetention, value, planStatements);
  }

  public MonitorSettings withPlanStatements(int value) {
    return new MonitorSettings(interval, heavyInterval, retention, baselineWindow, minCalls, topStatements,
        repeatFiring, rollupRetention, storeMaxBytes, value);
  }
}
