package io.querydoctor.monitor;

import io.querydoctor.monitor.alert.Observations;
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
 * presenting a guess as a measurement. A query id is "new" when its first calls in the retained history came
 * after the latest deploy mark.
 */
final class RegressionDetector {

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
    if (sample.deltas() == null) {
      return;
    }
    observations.complete(Observations.LATENCY_RATIO);
    Instant now = sample.intervalEnd();
    Optional<Instant> deploy = store.latestDeployMark(sample.target(), now)
        .filter(mark -> mark.isAfter(now.minus(window)));
    Instant baselineEnd = deploy.filter(mark -> mark.isBefore(sample.intervalStart())).orElse(sample.intervalStart());
    if (deploy.isPresent()) {
      observations.complete(Observations.NEW_STATEMENT_MEAN_MS);
    }
    for (StatementCounters current : SampleObservations.topStatements(sample)) {
      if (current.calls() < minCalls) {
        continue;
      }
      StatementCounters baseline = store.statementTotals(sample.target(), current.queryid(), now.minus(window),
          baselineEnd);
      if (baseline.calls() >= minCalls && baseline.meanExecMs() > 0) {
        observations.put(Observations.LATENCY_RATIO, SampleObservations.fingerprint(current),
            current.meanExecMs() / baseline.meanExecMs());
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
