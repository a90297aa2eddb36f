package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeSeriesBuilderTest {

  private static final long T0 = Instant.parse("2026-11-21T06:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  @Test
  void acceptsTimestampsOutOfOrder() {
    TimeSeriesBuilder series = new TimeSeriesBuilder(60);
    series.add(T0 + 5 * MINUTE, 1, 1);
    series.add(T0, 1, 2);
    series.add(T0 + 2 * MINUTE + 1, 1, 3);

    assertThat(series.snapshot().points()).extracting(Series.Point::start).containsExactly(
        Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 2 * MINUTE), Instant.ofEpochMilli(T0 + 5 * MINUTE));
  }

  @Test
  void coarsensToAlignedBucketsKeepingEveryCall() {
    TimeSeriesBuilder series = new TimeSeriesBuilder(4);
    for (int minute = 0; minute < 10; minute++) {
      series.add(T0 + minute * MINUTE, 1, 1);
    }

    Series snapshot = series.snapshot();
    assertThat(snapshot.bucketMinutes()).isEqualTo(4);
    assertThat(snapshot.points()).hasSizeLessThanOrEqualTo(4);
    assertThat(snapshot.points().stream().mapToLong(Series.Point::calls).sum()).isEqualTo(10);
    assertThat(snapshot.points()).allSatisfy(p -> assertThat(p.start().toEpochMilli() % (4 * MINUTE)).isZero());
  }

  @Test
  void mergesASeriesOfAnotherWidth() {
    TimeSeriesBuilder coarse = new TimeSeriesBuilder(2);
    for (int minute = 0; minute < 8; minute++) {
      coarse.add(T0 + minute * MINUTE, 1, 1);
    }
    TimeSeriesBuilder fine = new TimeSeriesBuilder(60);
    fine.add(T0, 1, 1);

    fine.absorb(coarse);

    assertThat(fine.snapshot().points().stream().mapToLong(Series.Point::calls).sum()).isEqualTo(9);
  }
}
