package io.querydoctor.monitor.log;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The durations of one fingerprint in one interval, for its percentiles. Memory is bounded: beyond
 * {@link #MAX_KEPT} values a uniform random sample of them is kept (reservoir sampling, Vitter's algorithm R),
 * so a statement run a million times an interval costs as much as one run ten thousand times, and its
 * percentiles are those of an unbiased sample of the real durations.
 */
final class Durations {

  static final int MAX_KEPT = 10_000;

  private final SplittableRandom random = new SplittableRandom(25);
  private double[] kept = new double[16];
  private int size;
  private long count;
  private double totalMs;

  void add(double millis) {
    count++;
    totalMs += millis;
    if (size < MAX_KEPT) {
      if (size == kept.length) {
        kept = Arrays.copyOf(kept, Math.min(MAX_KEPT, size * 2));
      }
      kept[size++] = millis;
      return;
    }
    long slot = random.nextLong(count);
    if (slot < MAX_KEPT) {
      kept[(int) slot] = millis;
    }
  }

  long count() {
    return count;
  }

  double totalMs() {
    return totalMs;
  }

  /** The {@code p}-th percentile (0 < p ≤ 100), nearest-rank on the kept values. */
  double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double[] sorted() {
    double[] values = Arrays.copyOf(kept, size);
    Arrays.sort(values);
    return values;
  }
}
