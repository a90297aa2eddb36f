package io.querydoctor.core.digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates a {@link Series} in bounded memory.
 *
 * <p>Design note. Buckets live in two parallel arrays indexed from a base bucket, so a bucket costs 16 bytes
 * and no object. When a timestamp would make the span exceed {@code maxBuckets}, the width doubles and
 * neighbouring buckets merge (bucket {@code b} of width {@code w} becomes bucket {@code floor(b/2)} of width
 * {@code 2w}); widths are therefore 1, 2, 4, … minutes and buckets stay aligned to the epoch, which lets two
 * series of different widths merge. Out-of-order timestamps are fine. Not thread-safe.
 */
final class TimeSeriesBuilder {

  private static final long MILLIS_PER_MINUTE = 60_000;

  private final int maxBuckets;
  private int widthMinutes = 1;
  private long base;
  private long top;
  private long[] calls = new long[0];
  private double[] millis = new double[0];

  TimeSeriesBuilder(int maxBuckets) {
    this.maxBuckets = maxBuckets;
  }

  void add(long epochMillis, long count, double totalMillis) {
    long bucket = Math.floorDiv(Math.floorDiv(epochMillis, MILLIS_PER_MINUTE), widthMinutes);
    int index = slot(bucket);
    calls[index] += count;
    millis[index] += totalMillis;
  }

  void absorb(TimeSeriesBuilder other) {
    for (int i = 0; i < other.calls.length; i++) {
      if (other.calls[i] != 0) {
        long startMinute = (other.base + i) * other.widthMinutes;
        add(startMinute * MILLIS_PER_MINUTE, other.calls[i], other.millis[i]);
      }
    }
  }

  Series snapshot() {
    List<Series.Point> points = new ArrayList<>();
    for (int i = 0; i < calls.length; i++) {
      if (calls[i] != 0) {
        Instant start = Instant.ofEpochMilli((base + i) * widthMinutes * MILLIS_PER_MINUTE);
        points.add(new Series.Point(start, calls[i], millis[i]));
      }
    }
    return new Series(widthMinutes, points);
  }

  private int slot(long bucket) {
    if (calls.length == 0) {
      base = bucket;
      top = bucket;
      calls = new long[4];
      millis = new double[4];
      return 0;
    }
    while (true) {
      long low = Math.min(base, bucket);
      long high = Math.max(top, bucket);
      if (high - low + 1 <= maxBuckets) {
        ensure(low, high);
        top = high;
        return (int) (bucket - base);
      }
      coarsen();
      bucket = Math.floorDiv(bucket, 2);
    }
  }

  /** Makes the arrays cover buckets {@code low .. high}, keeping the data. */
  private void ensure(long low, long high) {
    if (low >= base && high < base + calls.length) {
      return;
    }
    long newBase = Math.min(low, base);
    int needed = (int) (high - newBase + 1);
    int length = Math.min(maxBuckets, Math.max(needed, calls.length * 2));
    long[] newCalls = new long[length];
    double[] newMillis = new double[length];
    int shift = (int) (base - newBase);
    int used = (int) (top - base + 1);
    System.arraycopy(calls, 0, newCalls, shift, used);
    System.arraycopy(millis, 0, newMillis, shift, used);
    calls = newCalls;
    millis = newMillis;
    base = newBase;
  }

  private void coarsen() {
    long newBase = Math.floorDiv(base, 2);
    long newTop = Math.floorDiv(top, 2);
    long[] newCalls = new long[(int) Math.max(4, newTop - newBase + 1)];
    double[] newMillis = new double[newCalls.length];
    for (int i = 0; i <= top - base; i++) {
      int target = (int) (Math.floorDiv(base + i, 2) - newBase);
      newCalls[target] += calls[i];
      newMillis[target] += millis[i];
    }
    calls = newCalls;
    millis = newMillis;
    base = newBase;
    top = newTop;
    widthMinutes *= 2;
  }
}
