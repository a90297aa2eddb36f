package io.querydoctor.core.capture;

import io.querydoctor.core.sql.Fingerprint;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory aggregate per fingerprint: calls, errors, rows, total/mean/max and p50/p95/p99 time.
 *
 * <p>Bounded: at most {@code maxFingerprints} entries (each a few kilobytes, see {@link FingerprintStats});
 * statements of further fingerprints are added to one {@code other} entry, so that totals stay exact.
 *
 * <p>Per statement, the entry is found through a small direct-mapped table of entries, checked by the
 * identity of the fingerprint id (the fingerprint cache hands out one instance per statement text), so the
 * usual lookup is an array read and a reference comparison rather than a map probe, and a miss allocates
 * nothing. Entries are never removed, so a remembered slot can never point to a stale entry.
 */
public final class WorkloadAggregate implements CaptureListener {

  /** The id of the entry that collects fingerprints beyond the limit. */
  public static final String OTHER = "other";

  private final int maxFingerprints;
  private final ConcurrentHashMap<String, FingerprintStats> stats = new ConcurrentHashMap<>();
  private final FingerprintStats other = new FingerprintStats(OTHER, "(statements beyond the fingerprint limit)");
  private final FingerprintStats[] recent = new FingerprintStats[RECENT_SLOTS];

  private static final int RECENT_SLOTS = 256;

  public WorkloadAggregate(int maxFingerprints) {
    this.maxFingerprints = maxFingerprints;
  }

  @Override
  public void statementExecuted(StatementEvent event) {
    statsFor(event).record(event.elapsedNanos(), event.consumeNanos(), event.rows(), event.failed());
  }

  /**
   * The statements {@code statements[from, to)} that ran directly in scope {@code scopeId} (those of nested
   * scopes were added when those closed). A run of consecutive statements of one fingerprint, the usual
   * loop, takes its entry's lock once: the lock, not the arithmetic, is most of the cost of recording one.
   */
  void scopeStatements(StatementEvent[] statements, int from, int to, long scopeId) {
    int i = from;
    while (i < to) {
      StatementEvent event = statements[i];
      if (event.scopeId() != scopeId) {
        i++;
        continue;
      }
      Fingerprint fingerprint = event.fingerprint();
      FingerprintStats entry = statsFor(event);
      synchronized (entry) {
        entry.add(event.elapsedNanos(), event.consumeNanos(), event.rows(), event.failed());
        while (++i < to && (event = statements[i]).fingerprint() == fingerprint && event.scopeId() == scopeId) {
          entry.add(event.elapsedNanos(), event.consumeNanos(), event.rows(), event.failed());
        }
      }
    }
  }

  private FingerprintStats statsFor(StatementEvent event) {
    Fingerprint fingerprint = event.fingerprint();
    String id = fingerprint.id();
    int index = id.hashCode() & (RECENT_SLOTS - 1);
    FingerprintStats hit = recent[index];
    if (hit != null && hit.fingerprintId() == id) {
      return hit;
    }
    FingerprintStats found = lookUp(fingerprint);
    if (found != other) {
      recent[index] = found;
    }
    return found;
  }

  private FingerprintStats lookUp(Fingerprint fingerprint) {
    FingerprintStats existing = stats.get(fingerprint.id());
    if (existing != null) {
      return existing;
    }
    if (stats.size() >= maxFingerprints) {
      return other;
    }
    return stats.computeIfAbsent(fingerprint.id(), key -> new FingerprintStats(key, fingerprint.normalized()));
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
