package io.querydoctor.core.capture;

import org.HdrHistogram.IntCountsHistogram;

/**
 * Running totals for one fingerprint. Latencies are counted in microseconds in HdrHistogram's layout with two
 * significant digits ({@link LatencyCounts}), made into an HdrHistogram when a summary is read: a few kilobytes
 * for the range real statements span (1 µs … minutes). Updates lock this object only, so different fingerprints
 * never contend.
 */
final class FingerprintStats {

  private final String fingerprintId;
  private final String example;
  private final LatencyCounts micros = new LatencyCounts();
  private long calls;
  private long errors;
  private long rows;
  private long totalNanos;
  private long maxNanos;
  private long consumedCalls;
  private long totalConsumeNanos;
  private long maxConsumeNanos;

  FingerprintStats(String fingerprintId, String example) {
    this.fingerprintId = fingerprintId;
    this.example = example;
  }

  /** One execution; {@code consumeNanos} is -1 when result consumption was not measured. */
  synchronized void record(long elapsedNanos, long consumeNanos, long rowCount, boolean failed) {
    add(elapsedNanos, consumeNanos, rowCount, failed);
  }

  /** As {@link #record}, for a caller that holds this object's lock over several executions. */
  void add(long elapsedNanos, long consumeNanos, long rowCount, boolean failed) {
    calls++;
    if (consumeNanos >= 0) {
      consumedCalls++;
      totalConsumeNanos += consumeNanos;
      maxConsumeNanos = Math.max(maxConsumeNanos, consumeNanos);
    }
    if (failed) {
      errors++;
    }
    if (rowCount > 0) {
      rows += rowCount;
    }
    long nanos = Math.max(0, elapsedNanos);
    totalNanos += nanos;
    maxNanos = Math.max(maxNanos, nanos);
    micros.record(nanos / 1000);
  }

  String fingerprintId() {
    return fingerprintId;
  }

  synchronized FingerprintSummary summary() {
    double total = totalNanos / 1e6;
    IntCountsHistogram histogram = micros.toHistogram();
    return new FingerprintSummary(fingerprintId, example, calls, errors, rows, total,
        calls == 0 ? 0 : total / calls, maxNanos / 1e6, millisAt(histogram, 50), millisAt(histogram, 95),
        millisAt(histogram, 99), consumedCalls, totalConsumeNanos / 1e6, maxConsumeNanos / 1e6);
  }

  private static double millisAt(IntCountsHistogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
  }
}
