package io.querydoctor.core.verify;

import java.util.Arrays;

/** Median and 95th percentile of a handful of timed runs (nearest-rank: no interpolation between runs). */
public record Timings(double medianMillis, double p95Millis, int runs) {

  public static Timings of(double[] millis) {
    if (millis.length == 0) {
      throw new IllegalArgumentException("no runs");
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Timings(nearestRank(sorted, 0.5), nearestRank(sorted, 0.95), sorted.length);
  }

  private static double nearestRank(double[] sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
