package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecentTextTest {

  @Test
  void theSameBytesGiveTheSameStringAndOtherBytesANewOne() {
    RecentText recent = new RecentText();
    byte[] line = "shop shop café shopping".getBytes(StandardCharsets.UTF_8);

    String first = recent.decode(line, 0, 4);
    String again = recent.decode(line, 5, 9);
    String other = recent.decode(line, 10, 15);
    String prefix = recent.decode(line, 16, 20);

    assertThat(again).isSameAs(first).isEqualTo("shop");
    assertThat(other).isEqualTo("café");
    assertThat(prefix).isEqualTo("shop").isNotSameAs(first);
  }

  @Test
  void longValuesGrowTheBuffer() {
    RecentText recent = new RecentText();
    byte[] big = "x".repeat(500).getBytes(StandardCharsets.UTF_8);

    assertThat(recent.decode(big, 0, 500)).hasSize(500);
    assertThat(recent.decode(big, 0, 500)).hasSize(500);
  }
}
