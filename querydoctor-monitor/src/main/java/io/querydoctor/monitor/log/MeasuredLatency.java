package io.querydoctor.monitor.log;

/**
 * Percentiles of one statement fingerprint over one interval, measured from the individual durations in the
 * server log (not estimated).
 *
 * @param fingerprint the statement's fingerprint id (core's {@code SqlFingerprinter}, literals and {@code $n}
 *     alike)
 * @param normalized the statement with every literal replaced by {@code ?}
 * @param calls durations read for it in the interval
 */
public record MeasuredLatency(String fingerprint, String normalized, long calls, double totalMs, double p50Ms,
    double p95Ms, double p99Ms) {
}
