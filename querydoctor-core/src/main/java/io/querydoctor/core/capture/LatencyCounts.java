package io.querydoctor.core.capture;

import java.util.Arrays;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Counts of latencies in microseconds, in the bucket layout of an HdrHistogram with two significant digits, so
 * that {@link #toHistogram()} is exactly the histogram the same values would have made. Recording is an index
 * computation and an array increment, the cost that matters once per statement; HdrHistogram's own recording
 * also keeps its total, minimum and maximum current for readers, which a summary read now and then can compute.
 *
 * <p>Design note. Two significant digits take 256 sub-buckets (the power of two above 2 × 10²). Values below 256
 * get a bucket each; above that, bucket {@code b} holds the values {@code [128·2^b, 256·2^b)} in 128 steps of
 * {@code 2^b}. The array grows to the highest bucket used: about 3 000 counts (12 KB) for statements up to ten
 * minutes, 500 (2 KB) for statements under a millisecond. Not thread-safe: the owner locks.
 */
final class LatencyCounts {

  private static final int SUB_BUCKET_MAGNITUDE = 8;
  private static final int HALF_MAGNITUDE = SUB_BUCKET_MAGNITUDE - 1;
  private static final int HALF = 1 << HALF_MAGNITUDE;
  private static final long SUB_BUCKET_MASK = (1L << SUB_BUCKET_MAGNITUDE) - 1;

  private int[] counts = new int[2 * HALF];

  void record(long micros) {
    int index = index(Math.max(0, micros));
    if (index >= counts.length) {
      counts = Arrays.copyOf(counts, Math.max(index + 1, counts.length * 2));
    }
    counts[index]++;
  }

  /** The HdrHistogram (two significant digits) of the values recorded. */
  IntCountsHistogram toHistogram() {
    IntCountsHistogram histogram = new IntCountsHistogram(2);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        histogram.recordValueWithCount(lowestValue(i), counts[i]);
      }
    }
    return histogram;
  }

  /** The bucket of {@code value}: its power-of-two range, then its step within the range. */
  static int index(long value) {
    int bucket = Long.SIZE - SUB_BUCKET_MAGNITUDE - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
    int step = (int) (value >>> bucket);
    return ((bucket + 1) << HALF_MAGNITUDE) + step - HALF;
  }

  /** The lowest value counted in bucket {@code index} (the inverse of {@link #index} on bucket bounds). */
  static long lowestValue(int index) {
    int bucket = (index >> HALF_MAGNITUDE) - 1;
    int step = (index & (HALF - 1)) + HALF;
    if (bucket < 0) {
      bucket = 0;
      step -= HALF;
    }
    return (long) step << bucket;
  }
}
