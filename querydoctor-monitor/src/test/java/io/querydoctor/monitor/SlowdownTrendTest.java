package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SlowdownTrendTest {

  private static final double NONE = Double.NaN;

  @Test
  void aSteadyRiseIsItsSlopeInPercentOfTheMeanPerDay() {
    // 10 … 16 ms: slope 1 ms/day over a mean of 13 ms
    assertThat(SlowdownTrend.percentPerDay(new double[] {10, 11, 12, 13, 14, 15, 16})).isCloseTo(100.0 / 13,
        within(1e-9));
  }

  @Test
  void oneOddDayDoesNotMakeATrend() {
    double percent = SlowdownTrend.percentPerDay(new double[] {10, 10, 10, 10, 10, 10, 30});
    double flat = SlowdownTrend.percentPerDay(new double[] {10, 10.2, 9.9, 10.1, 10, 9.8, 10.1});
    assertThat(flat).isBetween(-2.0, 2.0);
    // the last-against-first ratio would say +200 %; the fitted line says far less per day
    assertThat(percent).isLessThan(30);
  }

  @Test
  void daysWithoutEnoughCallsAreSkippedAndTooFewDaysAreNoTrend() {
    assertThat(SlowdownTrend.percentPerDay(new double[] {10, NONE, 12, NONE, 14, 15, 16})).isCloseTo(
        SlowdownTrend.percentPerDay(new double[] {10, 11, 12, 13, 14, 15, 16}), within(3.0));
    assertThat(SlowdownTrend.percentPerDay(new double[] {NONE, NONE, NONE, 13, 14, 15, 16})).isNaN();
  }

  @Test
  void gettingFasterIsNegative() {
    assertThat(SlowdownTrend.percentPerDay(new double[] {16, 15, 14, 13, 12, 11, 10})).isNegative();
  }
}
