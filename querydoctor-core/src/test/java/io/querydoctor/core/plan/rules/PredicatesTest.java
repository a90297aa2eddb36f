package io.querydoctor.core.plan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.plan.rules.Comparison.Wrapping;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PredicatesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      (customer_id = 42)                                   | customer_id | =    | BARE
      ((created_at)::date = '2024-03-01'::date)            | created_at  | =    | CAST
      (lower((email)::text) = 'a@b.c'::text)               | email       | =    | FUNCTION
      (date_trunc('day'::text, created_at) = '2024-01-01 00:00:00'::timestamp without time zone) | created_at | = | FUNCTION
      ((email)::text = 'x'::text)                          | email       | =    | BARE
      ((total * '2'::numeric) > '10'::numeric)             | total       | >    | EXPRESSION
      (o.created_at >= '2024-01-01 00:00:00'::timestamp without time zone) | created_at | >= | BARE
      (status = ANY ('{a,b}'::text[]))                     | status      | = ANY | BARE
      (deleted_at IS NULL)                                 | deleted_at  | IS NULL | BARE
      """)
  void classifiesTheLeftHandSide(String condition, String column, String operator, Wrapping wrapping) {
    List<Comparison> comparisons = Predicates.parse(condition);

    assertThat(comparisons).hasSize(1);
    assertThat(comparisons.get(0).column()).isEqualTo(column);
    assertThat(comparisons.get(0).operator()).isEqualTo(operator);
    assertThat(comparisons.get(0).wrapping()).isEqualTo(wrapping);
  }

  @Test
  void splitsTopLevelConjunctsAndSkipsOrGroups() {
    List<Comparison> comparisons = Predicates.parse(
        "((status = 'open'::text) AND ((a = 1) OR (b = 2)) AND (created_at > '2024-01-01'::date))");

    assertThat(comparisons).extracting(Comparison::column).containsExactly("status", "created_at");
    assertThat(comparisons.get(1).isRange()).isTrue();
  }

  @Test
  void joinConditionsDoNotCompareWithAValue() {
    Comparison join = Predicates.parse("(c.region_code = r.code)").get(0);

    assertThat(join.comparesWithValue()).isFalse();
    assertThat(Predicates.parse("(region_code = 'r1'::text)").get(0).comparesWithValue()).isTrue();
  }

  @Test
  void andInsideAStringLiteralDoesNotSplit() {
    assertThat(Predicates.parse("(note = 'salt AND pepper'::text)")).hasSize(1);
  }
}
