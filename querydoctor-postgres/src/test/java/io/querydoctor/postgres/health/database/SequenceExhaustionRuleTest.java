package io.querydoctor.postgres.health.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Severity;
import io.querydoctor.postgres.health.HealthThresholds;
import io.querydoctor.postgres.health.QualifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceExhaustionRuleTest {

  private final SequenceExhaustionRule rule = new SequenceExhaustionRule(HealthThresholds.defaults());

  private static SequenceCheck.Row sequence(long last, long min, long max, long increment, String columnType) {
    return new SequenceCheck.Row(new QualifiedName("public", "s"), "bigint", last, min, max, increment,
        columnType == null ? null : new QualifiedName("public", "t"), columnType == null ? null : "id", columnType);
  }

  @Test
  void usedRatioCountsFromTheStartInTheSequencesDirection() {
    assertThat(sequence(751, 1, 1001, 1, null).usedRatio()).isEqualTo(0.75);
    assertThat(sequence(-751, -1001, -1, -1, null).usedRatio()).isEqualTo(0.75);
  }

  @Test
  void theColumnTypeCapsTheRange() {
    SequenceCheck.Row row = sequence(1_700_000_000L, 1, Long.MAX_VALUE, 1, "integer");
    assertThat(row.effectiveMax()).isEqualTo(Integer.MAX_VALUE);
    assertThat(rule.evaluate(List.of(row))).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.subject().name()).isEqualTo("public.t(id)");
      assertThat(f.fix().sql()).startsWith("ALTER TABLE public.t ALTER COLUMN id TYPE bigint;");
    });
  }

  @Test
  void severityRisesAsTheEndNears() {
    assertThat(rule.evaluate(List.of(sequence(2_140_000_000L, 1, Long.MAX_VALUE, 1, "integer"))))
        .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    assertThat(rule.evaluate(List.of(sequence(1_500_000_000L, 1, Long.MAX_VALUE, 1, "integer")))).isEmpty();
  }
}
