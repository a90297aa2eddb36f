package io.querydoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

/** LatencyCounts must make exactly the HdrHistogram that recording the same values into one would have made. */
class LatencyCountsTest {

  @Test
  void makesTheHistogramHdrHistogramWouldHaveMadeOverManyMagnitudes() {
    SplittableRandom random = new SplittableRandom(42);
    LatencyCounts counts = new LatencyCounts();
    IntCountsHistogram direct = new IntCountsHistogram(2);
    for (int i = 0; i < 200_000; i++) {
      // Log-uniform from 0 to about 2^40 µs (12 days), so every bucket range is crossed.
      long micros = random.nextInt(8) == 0 ? random.nextInt(300) : (long) Math.pow(2, random.nextDouble(40));
      counts.record(micros);
      direct.recordValue(micros);
    }
    IntCountsHistogram made = counts.toHistogram();
    assertThat(made.getTotalCount()).isEqualTo(direct.getTotalCount());
    for (double p : new double[] {0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100}) {
      assertThat(made.getValueAtPercentile(p)).as("p%s", p).isEqualTo(direct.getValueAtPercentile(p));
    }
    assertThat(made.getMaxValue()).isEqualTo(direct.getMaxValue());
    assertThat(made.getMinValue()).isEqualTo(direct.getMinValue());
  }

  @Test
  void bucketBoundsRoundTrip() {
    for (int index = 0; index < 7_000; index++) {
      assertThat(LatencyCounts.index(LatencyCounts.lowestValue(index))).as("index %d", index).isEqualTo(index);
    }
    assertThat(LatencyCounts.index(255)).isEqualTo(255);
    assertThat(LatencyCounts.index(256)).isEqualTo(256);
    assertThat(LatencyCounts.index(257)).as("steps of 2 from 256 on").isEqualTo(256);
    assertThat(LatencyCounts.index(Long.MAX_VALUE)).isGreaterThan(LatencyCounts.index(1L << 40));
  }

  @Test
  void anEmptyCountMakesAnEmptyHistogram() {
    assertThat(new LatencyCounts().toHistogram().getTotalCount()).isZero();
  }
}
