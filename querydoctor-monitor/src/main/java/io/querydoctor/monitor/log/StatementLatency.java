package io.querydoctor.monitor.log;

/**
 * One statement's latency percentiles over one interval, either measured (from the server log's individual
 * durations) or estimated (from {@code pg_stat_statements}' mean and standard deviation, assuming a normal
 * distribution: real latencies are skewed, so an estimated p99 is a hint, never a measurement). Consumers must
 * show {@code measured} with the numbers.
 *
 * @param fingerprint the statement's fingerprint id
 * @param queryid the {@code pg_stat_statements} query id, or null for a statement only the log saw
 * @param query the normalized text (literals as {@code ?} or {@code $n}), never with values
 */
public record StatementLatency(String fingerprint, Long queryid, String query, long calls, double p50Ms,
    double p95Ms, double p99Ms, boolean measured) {

  /** z-scores of the normal distribution at 95 % and 99 %. */
  private static final double Z95 = 1.645;
  private static final double Z99 = 2.326;

  /** The estimate from a mean and a standard deviation: p50 = mean, p95 = mean + 1.645 σ, p99 = mean + 2.326 σ. */
  public static StatementLatency estimate(String fingerprint, long queryid, String query, long calls,
      double meanMs, double stddevMs) {
    return new StatementLatency(fingerprint, queryid, query, calls, meanMs, meanMs + Z95 * stddevMs,
        meanMs + Z99 * stddevMs, false);
  }

  /** What the source is, for output: "measured (server log)" or "estimated (mean and stddev)". */
  public String label() {
    return measured ? "measured (server log)" : "estimated (mean and stddev)";
  }
}
