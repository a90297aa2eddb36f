package io.querydoctor.monitor;

import java.time.Duration;

/**
 * How the monitor runs.
 *
 * @param interval time between samples
 * @param heavyInterval time between heavy check runs (catalog health checks)
 * @param retention how long full-resolution history is kept (no rollups yet: older rows are deleted)
 * @param baselineWindow how far back a statement's baseline reaches for {@code latency-regression}
 * @param minCalls calls a statement needs, now and in its baseline, to be compared
 * @param topStatements query ids with their own series in /metrics (the rest are {@code other})
 * @param repeatFiring how often firing alerts are re-sent to notifiers that expire them (Alertmanager)
 */
public record MonitorSettings(Duration interval, Duration heavyInterval, Duration retention,
    Duration baselineWindow, long minCalls, int topStatements, Duration repeatFiring) {

  public static MonitorSettings defaults() {
    return new MonitorSettings(Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofDays(14),
        Duration.ofHours(24), 5, 20, Duration.ofMinutes(1));
  }

  public MonitorSettings withInterval(Duration value) {
    return new MonitorSettings(value, heavyInterval, retention, baselineWindow, minCalls, topStatements,
        repeatFiring);
  }

  public MonitorSettings withHeavyInterval(Duration value) {
    return new MonitorSettings(interval, value, retention, baselineWindow, minCalls, topStatements, repeatFiring);
  }

  public MonitorSettings withRetention(Duration value) {
    return new MonitorSettings(interval, heavyInterval, value, baselineWindow, minCalls, topStatements,
        repeatFiring);
  }
}
