package io.querydoctor.core.digest;

/**
 * Thresholds of the digest rules; defaults from RULES.md.
 *
 * @param slowQueryMillis {@code slow-query}: a shape's p95 (mean when the source has no distribution) at or
 *     above this; 100 ms is where users notice a page getting slow (RULES.md)
 * @param regressionFactor {@code latency-regression}: p95 or mean at least this many times the baseline's (2×)
 * @param regressionMinCalls both periods need this many calls, so that one slow outlier is not a regression
 * @param regressionMinMillis and the slower value must reach this: 0.02 ms to 0.05 ms is noise, not a regression
 * @param cacheableCallsPerMinute {@code frequent-cacheable-query}: a read runs more often than this (100/min)
 * @param cacheableMaxParameterSets with at most this many distinct parameter sets (a cache of a few entries)
 * @param cacheableMaxWritesPerMinute while its tables see at most this many writes per minute
 */
public record DigestThresholds(
    double slowQueryMillis, double regressionFactor, long regressionMinCalls, double regressionMinMillis,
    double cacheableCallsPerMinute, int cacheableMaxParameterSets, double cacheableMaxWritesPerMinute) {

  public static final DigestThresholds DEFAULTS = new DigestThresholds(100, 2.0, 10, 1.0, 100, 10, 1.0);

  /** These thresholds with other slow-query and regression values (the CLI options). */
  public DigestThresholds with(double slowMillis, double factor) {
    return new DigestThresholds(slowMillis, factor, regressionMinCalls, regressionMinMillis, cacheableCallsPerMinute,
        cacheableMaxParameterSets, cacheableMaxWritesPerMinute);
  }
}
