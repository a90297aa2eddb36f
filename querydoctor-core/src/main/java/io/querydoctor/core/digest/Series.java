package io.querydoctor.core.digest;

import java.time.Instant;
import java.util.List;

/**
 * Calls and time per time bucket, for charts.
 *
 * @param bucketMinutes width of every bucket (1 unless the span was too long for the bucket budget)
 * @param points buckets in time order; empty buckets are left out
 */
public record Series(int bucketMinutes, List<Point> points) {

  public static final Series EMPTY = new Series(1, List.of());

  public Series {
    points = List.copyOf(points);
  }

  /**
   * One bucket.
   *
   * @param start the bucket's start
   * @param calls statements that finished in it
   * @param totalMillis their summed duration
   */
  public record Point(Instant start, long calls, double totalMillis) {}
}
