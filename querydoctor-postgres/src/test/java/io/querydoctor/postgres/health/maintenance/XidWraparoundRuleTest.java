package io.querydoctor.postgres.health.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.querydoctor.core.finding.Severity;
import io.querydoctor.postgres.health.HealthThresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real wraparound needs a billion transactions: the rule is tested over rows built here. */
class XidWraparoundRuleTest {

  private final XidWraparoundRule rule = new XidWraparoundRule(HealthThresholds.defaults());

  @Test
  void databaseHalfwayToTheHorizonIsHigh() {
    var rows = List.of(new TransactionIdAgeCheck.Row("shop", null, null, 1_200_000_000L, 200_000_000L));
    assertThat(rule.evaluate(rows)).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("xid-wraparound-risk");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.subject().name()).isEqualTo("shop");
      assertThat(f.fix().sql()).contains("pg_prepared_xacts").contains("pg_replication_slots");
      assertThat(f.evidence().get(0).value()).isCloseTo(0.5588, offset(0.001));
    });
  }

  @Test
  void tableThreeQuartersToTheHorizonIsCriticalWithVacuumFreeze() {
    var rows = List.of(new TransactionIdAgeCheck.Row("shop", "public", "Order Lines", 1_700_000_000L, 200_000_000L));
    assertThat(rule.evaluate(rows)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.subject().name()).isEqualTo("public.Order Lines");
      assertThat(f.fix().sql()).isEqualTo("VACUUM (FREEZE, VERBOSE) public.\"Order Lines\";");
    });
  }

  @Test
  void agePastAutovacuumsTriggerButBelowHalfTheHorizonIsSilent() {
    assertThat(rule.evaluate(List.of(
        new TransactionIdAgeCheck.Row("shop", null, null, 900_000_000L, 200_000_000L)))).isEmpty();
  }
}
