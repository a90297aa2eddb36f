package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineBytesTest {

  private static double parse(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return LineBytes.parseDecimal(b, 0, b.length);
  }

  @Test
  void parsesDecimalsToTheSameDoubleAsTheJdk() {
    // Regression: 1 + 640 / 1000.0 is 1.6400000000000001, so durations disagreed between log formats.
    for (String text : new String[] {"1.640", "0.235", "14.071", "0.000123", "1795248000.5", "12", "0.1"}) {
      assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
    }
  }

  @Test
  void notANumberIsNaN() {
    assertThat(parse("abc")).isNaN();
    assertThat(parse("")).isNaN();
  }
}
