package io.querydoctor.postgres.health.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.SubjectKind;
import io.querydoctor.postgres.health.HealthThresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A single embedded server has no replicas: the rule is tested over rows as pg_stat_replication gives them. */
class ReplicationLagRuleTest {

  private final ReplicationLagRule rule = new ReplicationLagRule(HealthThresholds.defaults());

  @Test
  void standbyFiveSecondsBehindIsReportedWithItsWalBacklog() {
    List<Finding> findings = rule.evaluate(List.of(
        new ReplicationCheck.Row(4242, "replica-a (10.0.0.7)", "streaming", 7.5, 48_000_000)));
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("replication-lag");
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.subject().kind()).isEqualTo(SubjectKind.SESSION);
      assertThat(f.subject().name()).isEqualTo("4242");
      assertThat(f.title()).isEqualTo("Replica replica-a (10.0.0.7) is 7.50 s behind");
      assertThat(f.evidence()).extracting(e -> e.name()).containsExactly("replay_lag", "replay_lag_bytes");
    });
  }

  @Test
  void aMinuteBehindIsHighAndTheStandbysOwnRowNamesTheDatabase() {
    List<Finding> findings = rule.evaluate(List.of(new ReplicationCheck.Row(0, "this standby", "recovery", 90, -1)));
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.subject().kind()).isEqualTo(SubjectKind.DATABASE);
      assertThat(f.evidence()).extracting(e -> e.name()).containsExactly("replay_lag");
    });
  }

  @Test
  void lagBelowTheThresholdOrUnknownIsSilent() {
    assertThat(rule.evaluate(List.of(
        new ReplicationCheck.Row(1, "replica-b", "streaming", 4.9, 1_000),
        new ReplicationCheck.Row(2, "replica-c", "catchup", -1, -1)))).isEmpty();
  }
}
