package io.querydoctor.core.capture;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory aggregate per fingerprint: calls, errors, rows, total/mean/max and p50/p95/p99 time.
 *
 * <p>Bounded: at most {@code maxFingerprints} entries (each a few kilobytes, see {@link FingerprintStats});
 * statements of further fingerprints are added to one {@code other} entry, so that totals stay exact.
 */
public final class WorkloadAggregate implements CaptureListener {

  /** The id of the entry that collects fingerprints beyond the limit. */
  public static final String OTHER = "other";

  private final int maxFingerprints;
  private final ConcurrentHashMap<String, FingerprintStats> stats = new ConcurrentHashMap<>();
  private final FingerprintStats other = new FingerprintStats(OTHER, "(statements beyond the fingerprint limit)");

  public WorkloadAggregate(int maxFingerprints) {
    this.maxFingerprints = maxFingerprints;
  }

  @Override
  public void statementExecuted(StatementEvent event) {
    statsFor(event).record(event.elapsedNanos(), event.rows(), event.failed());
  }

  private FingerprintStats statsFor(StatementEvent event) {
    String id = event.fingerprint().id();
    FingerprintStats existing = stats.get(id);
    if (existing != null) {
      return existing;
    }
    if (stats.size() >= maxFingerprints) {
      return other;
    }
    return stats.computeIfAbsent(id, key -> new FingerprintStats(key, event.fingerprint().normalized()));
  }

  /** Every fingerprint seen, by total time descending; the {@code other} entry last when used. */
  public List<FingerprintSummary> summaries() {
    List<FingerprintSummary> list = new java.util.ArrayList<>(stats.values().stream()
        .map(FingerprintStats::summary)
        .sorted(Comparator.comparingDouble(FingerprintSummary::totalMillis).reversed())
        .toList());
    FingerprintSummary rest = other.summary();
    if (rest.calls() > 0) {
      list.add(rest);
    }
    return List.copyOf(list);
  }

  /** The summary for one fingerprint id, or {@code null} when it has not been seen. */
  public FingerprintSummary summary(String fingerprintId) {
    FingerprintStats found = stats.get(fingerprintId);
    return found == null ? null : found.summary();
  }

  /** Executions over all fingerprints. */
  public long totalCalls() {
    return summaries().stream().mapToLong(FingerprintSummary::calls).sum();
  }
}
