package io.querydoctor.monitor;

import io.querydoctor.monitor.alert.Observations;
import io.querydoctor.monitor.log.StatementLatency;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.sample.StatementCounters;
import io.querydoctor.monitor.store.HistoryStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Compares each top statement of a sample with its own history in the store, for {@code latency-regression}
 * and {@code new-slow-query}.
 *
 * <p>Design: the baseline of a query id is its mean execution time over the baseline window before the
 * interval: the last {@code window} (default 24 h), ending at the latest deploy mark when there is one in the
 * window, so that after a deploy the comparison is "now against before the deploy". Both sides need
 * {@code minCalls} calls or the query id is not observed (a mean over two calls says nothing). Only means are
 * compared: {@code pg_stat_statements} has no percentiles, and estimating a p95 from mean and stddev would be
 * presenting a guess as a measurement; a p95 measured from the server log ({@code --log}) is compared too. A query id is "new" when its first calls in the retained history came
 * after the latest deploy mark.
 *
 * <p>{@code call-rate-regression} compares calls per minute: the interval's calls over its length against the
 * baseline's calls over the minutes actually sampled in the baseline window (an outage in the baseline does not
 * make the old rate look low). The interval needs {@link #MIN_CALLS_FOR_RATE} calls, so a statement going from
 * 2 to 5 calls is no N+1.
 */
final class RegressionDetector {

  private static StatementLatency measured(java.util.List<StatementLatency> latencies, long queryid) {
    for (StatementLatency l : latencies) {
      if (l.measured() && l.queryid() != null && l.queryid() == queryid) {
        return l;
      }
    }
    return null;
  }

  /** Calls in the interval before a call rate is compared: an N+1 worth waking someone for is not a handful. */
  static final long MIN_CALLS_FOR_RATE = 100;

  private final HistoryStore store;
  private final Duration window;
  private final long minCalls;

  RegressionDetector(HistoryStore store, Duration window, long minCalls) {
    this.store = store;
    this.window = window;
    this.minCalls = minCalls;
  }

  /** Adds {@code latency_ratio} and {@code new_statement_mean_ms} for the sample's top statements. */
  void observe(Sample sample, Observations observations) throws SQLException {
    observe(sample, observations, java.util.List.of());
  }

  /**
   * As {@link #observe(Sample, Observations)}, with the interval's percentiles: where a statement's p95 was
   * measured (from the server log) now and in the baseline window, {@code latency_ratio} is the larger of the
   * mean's and the p95's ratio ("p95 or mean ≥ 2× baseline"). The baseline p95 is the calls-weighted mean of
   * the measured p95s of its intervals (the intervals' durations are not kept, so not a p95 of the window).
   */
  void observe(Sample sample, Observations observations, java.util.List<StatementLatency> latencies)
      throws SQLException {
    if (sample.deltas() == null) {
      return;
    }
    observations.complete(Observations.LATENCY_RATIO);
    observations.complete(Observations.CALL_RATE_RATIO);
    Instant now = sample.intervalEnd();
    Optional<Instant> deploy = store.latestDeployMark(sample.target(), now)
        .filter(mark -> mark.isAfter(now.minus(window)));
    Instant baselineEnd = deploy.filter(mark -> mark.isBefore(sample.intervalStart())).orElse(sample.intervalStart());
    // Complete even without a deploy mark in the window: no statement is new then, so a new-slow-query alert
    // opened after a deploy resolves once the mark has left the window instead of staying open for ever.
    observations.complete(Observations.NEW_STATEMENT_MEAN_MS);
    double minutes = java.time.Duration.between(sample.intervalStart(), now).toMillis() / 60_000.0;
    double baselineMinutes = -1;
    for (StatementCounters current : SampleObservations.topStatements(sample)) {
      if (current.calls() < minCalls) {
        continue;
      }
      StatementCounters baseline = store.statementTotals(sample.target(), current.queryid(), now.minus(window),
          baselineEnd);
      double ratio = baseline.calls() >= minCalls && baseline.meanExecMs() > 0
          ? current.meanExecMs() / baseline.meanExecMs() : Double.NaN;
      StatementLatency measured = measured(latencies, current.queryid());
      if (measured != null && measured.calls() >= minCalls) {
        double[] p95 = store.measuredP95(sample.target(), current.queryid(), now.minus(window), baselineEnd);
        if (p95[1] >= minCalls && p95[0] > 0) {
          double p95Ratio = measured.p95Ms() / p95[0];
          ratio = Double.isNaN(ratio) ? p95Ratio : Math.max(ratio, p95Ratio);
        }
      }
      if (!Double.isNaN(ratio)) {
        observations.put(Observations.LATENCY_RATIO, SampleObservations.fingerprint(current), ratio);
      }
      if (current.calls() >= MIN_CALLS_FOR_RATE && baseline.calls() >= minCalls && minutes > 0) {
        if (baselineMinutes < 0) {
          baselineMinutes = store.sampledMinutes(sample.target(), now.minus(window), baselineEnd);
        }
        if (baselineMinutes > 0) {
          observations.put(Observations.CALL_RATE_RATIO, SampleObservations.fingerprint(current),
              (current.calls() / minutes) / (baseline.calls() / baselineMinutes));
        }
      }
      if (deploy.isPresent()) {
        boolean isNew = store.firstSeen(sample.target(), current.queryid()).map(first -> first.isAfter(deploy.get()))
            .orElse(true);
        observations.put(Observations.NEW_STATEMENT_MEAN_MS, SampleObservations.fingerprint(current),
            isNew ? current.meanExecMs() : 0);
      }
    }
  }
}
