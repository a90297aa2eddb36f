package io.querydoctor.core.capture;

/**
 * What the aggregate knows about one fingerprint. Times in milliseconds; percentiles are accurate to two
 * significant digits (HdrHistogram).
 *
 * @param fingerprintId the fingerprint id, or {@code other} for statements beyond the fingerprint limit
 * @param example the redacted statement
 * @param calls executions (a batch counts once)
 * @param errors executions that failed
 * @param rows rows returned or affected, where known
 * @param totalMillis total elapsed time
 * @param meanMillis mean elapsed time
 * @param maxMillis maximum elapsed time
 * @param p50Millis median
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param consumedCalls executions whose result consumption was measured (queries, with row counting on)
 * @param totalConsumeMillis total time from the driver's return to the last row read or close, over those
 * @param maxConsumeMillis the longest such time
 */
public record FingerprintSummary(
    String fingerprintId,
    String example,
    long calls,
    long errors,
    long rows,
    double totalMillis,
    double meanMillis,
    double maxMillis,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    long consumedCalls,
    double totalConsumeMillis,
    double maxConsumeMillis) {

  /** Without result consumption (none measured). */
  public FingerprintSummary(String fingerprintId, String example, long calls, long errors, long rows,
      double totalMillis, double meanMillis, double maxMillis, double p50Millis, double p95Millis,
      double p99Millis) {
    this(fingerprintId, example, calls, errors, rows, totalMillis, meanMillis, maxMillis, p50Millis, p95Millis,
        p99Millis, 0, 0, 0);
  }

  /** Mean time to consume the result, over the executions where it was measured; 0 when none. */
  public double meanConsumeMillis() {
    return consumedCalls == 0 ? 0 : totalConsumeMillis / consumedCalls;
  }
}
