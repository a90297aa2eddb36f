package io.querydoctor.monitor;

import io.querydoctor.core.finding.Subject;
import io.querydoctor.monitor.alert.Observations;
import io.querydoctor.monitor.store.HistoryStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code gradual-slowdown}: a statement getting slower day by day, from the stored history, on the heavy schedule.
 *
 * <p>Design: for the query ids with the most time over the last {@link #DAYS} days, the mean execution time of
 * each day (24-hour slices ending now) with at least {@code minCalls} calls; a least-squares line through those
 * daily means, its slope expressed in percent of their average per day. Least squares rather than first against
 * last day so that one odd day (a batch, a cold cache) neither makes nor hides a trend; {@link #MIN_DAYS} days
 * with data so that two points are never a "trend". A steady fall gives a negative slope, which never fires.
 */
final class SlowdownTrend {

  static final int DAYS = 7;
  static final int MIN_DAYS = 5;

  private final HistoryStore store;
  private final long minCalls;

  SlowdownTrend(HistoryStore store, long minCalls) {
    this.store = store;
    this.minCalls = minCalls;
  }

  void observe(String target, Instant now, Observations observations) throws SQLException {
    Map<Long, double[]> means = store.dailyMeans(target, now, DAYS, minCalls, SampleObservations.TOP_STATEMENTS);
    observations.complete(Observations.DAILY_SLOWDOWN_PERCENT);
    means.forEach((queryid, daily) -> {
      double percent = percentPerDay(daily);
      if (!Double.isNaN(percent)) {
        observations.put(Observations.DAILY_SLOWDOWN_PERCENT, Subject.fingerprint(Long.toString(queryid)), percent);
      }
    });
  }

  /**
   * The least-squares slope of {@code daily} (oldest first; NaN for a day without enough calls) in percent of
   * the mean of the days with data, per day; NaN with fewer than {@link #MIN_DAYS} days of data.
   */
  static double percentPerDay(double[] daily) {
    int n = 0;
    double sumX = 0;
    double sumY = 0;
    for (int x = 0; x < daily.length; x++) {
      if (!Double.isNaN(daily[x])) {
        n++;
        sumX += x;
        sumY += daily[x];
      }
    }
    if (n < MIN_DAYS || sumY <= 0) {
      return Double.NaN;
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double covariance = 0;
    double variance = 0;
    for (int x = 0; x < daily.length; x++) {
      if (!Double.isNaN(daily[x])) {
        covariance += (x - meanX) * (daily[x] - meanY);
        variance += (x - meanX) * (x - meanX);
      }
    }
    return covariance / variance / meanY * 100;
  }

  static Duration window() {
    return Duration.ofDays(DAYS);
  }
}
