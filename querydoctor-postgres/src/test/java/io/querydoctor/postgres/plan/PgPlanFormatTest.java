package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PgPlanFormatTest {

  @Test
  void jsonStartsWithABracketOrBraceTextHasNodeLines() throws IOException {
    assertThat(PgPlanFormat.of(PgTextPlanReaderTest.fixture("pg-text/cte.json"))).isEqualTo(PgPlanFormat.JSON);
    assertThat(PgPlanFormat.of(PgTextPlanReaderTest.fixture("pg-text/cte.txt"))).isEqualTo(PgPlanFormat.TEXT);
    assertThat(PgPlanFormat.of(" QUERY PLAN\n------\n [{\"Plan\": {}}]")).isEqualTo(PgPlanFormat.JSON);
  }

  @Test
  void bothFormatsOfOnePlanReadAlike() throws IOException {
    var json = PgPlanFormat.detectAndRead(PgTextPlanReaderTest.fixture("pg-text/merge-join.json"));
    var text = PgPlanFormat.detectAndRead(PgTextPlanReaderTest.fixture("pg-text/merge-join.txt"));
    assertThat(PlanShape.of(text, true)).isEqualTo(PlanShape.of(json, true));
  }

  @Test
  void neitherIsAOneLineError() {
    assertThatThrownBy(() -> PgPlanFormat.of("hello")).isInstanceOf(PlanFormatException.class)
        .hasMessageStartingWith("not an EXPLAIN plan").message().doesNotContain("\n");
  }
}
