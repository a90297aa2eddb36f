package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

  @Test
  void countsAgreeWithTheirNoun() {
    assertThat(Quantities.count(1, "call")).isEqualTo("1 call");
    assertThat(Quantities.count(0, "call")).isEqualTo("0 calls");
    assertThat(Quantities.count(12_345, "statement")).isEqualTo("12,345 statements");
    assertThat(Quantities.count(1, "supporting finding")).isEqualTo("1 supporting finding");
    assertThat(Quantities.count(3, "supporting finding")).isEqualTo("3 supporting findings");
    assertThat(Quantities.count(2, "index")).isEqualTo("2 indexes");
    assertThat(Quantities.count(2, "query")).isEqualTo("2 queries");
    assertThat(Quantities.count(2, "day")).isEqualTo("2 days");
    assertThat(Quantities.count(2, "more number")).isEqualTo("2 more numbers");
  }
}
