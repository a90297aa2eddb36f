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
    double p99Millis) {}
