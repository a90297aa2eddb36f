package io.querydoctor.monitor.sample;

import java.time.Instant;

/**
 * One sampling of one target: either what happened in {@code (intervalStart, intervalEnd]} or why it failed.
 *
 * @param intervalStart the previous reading's time; null for the first reading of a target (which only sets
 *     the baseline) and for a failed sample
 * @param error one line saying why the sample failed; null when it succeeded
 * @param deltas null when failed or first
 * @param activity null when failed
 * @param counters the cumulative counters read (the next sample's baseline); null when failed
 * @param ownRollbacks transactions the monitor itself rolled back on the target since the previous sample
 */
public record Sample(String target, Instant intervalStart, Instant intervalEnd, String error, Deltas deltas,
    Activity activity, CounterSnapshot counters, long ownRollbacks, double durationMs) {

  /** The same sample without the cumulative counters (kept only for the latest sample of a target). */
  public Sample withoutCounters() {
    return new Sample(target, intervalStart, intervalEnd, error, deltas, activity, null, ownRollbacks, durationMs);
  }

  public boolean ok() {
    return error == null;
  }

  /** Application rollbacks over all transactions in the interval, or null with fewer than {@code min}. */
  public Double rollbackRatio(long minTransactions) {
    if (deltas == null) {
      return null;
    }
    long rollbacks = Math.max(0, deltas.database().xactRollback() - ownRollbacks);
    long commits = deltas.database().xactCommit();
    long total = rollbacks + commits;
    return total < minTransactions ? null : (double) rollbacks / total;
  }
}
