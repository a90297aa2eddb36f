package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

  private static final Instant SIX = Instant.parse("2026-11-21T06:00:00Z");
  private static final Instant SEVEN = Instant.parse("2026-11-21T07:00:00Z");

  @Test
  void sinceIsIncludedUntilIsNot() {
    TimeWindow window = new TimeWindow(SIX, SEVEN);

    assertThat(window.contains(SIX)).isTrue();
    assertThat(window.contains(SEVEN.minusMillis(1))).isTrue();
    assertThat(window.contains(SEVEN)).isFalse();
    assertThat(window.contains(SIX.minusMillis(1))).isFalse();
  }

  @Test
  void openEndsAndUntimedStatementsAreKept() {
    assertThat(new TimeWindow(SIX, null).contains(SEVEN.plusSeconds(86_400))).isTrue();
    assertThat(new TimeWindow(null, SEVEN).contains(Instant.EPOCH)).isTrue();
    assertThat(new TimeWindow(SIX, SEVEN).contains(null)).isTrue();
    assertThat(TimeWindow.ALL.isAll()).isTrue();
  }

  @Test
  void anEmptyWindowIsRefused() {
    assertThatThrownBy(() -> new TimeWindow(SEVEN, SIX)).hasMessageContaining("must be before --until");
  }
}
