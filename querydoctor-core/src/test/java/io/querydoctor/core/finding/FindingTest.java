package io.querydoctor.core.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.report.Report;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTest {

  private static Finding finding(String rule, Severity severity, double millisPerHour) {
    return Finding.builder(rule, severity).title(rule).subject(Subject.table("public.t"))
        .evidence(Evidence.of("n", 1, "count")).impact(new Impact(millisPerHour, "test"))
        .fix(Fix.action("do it")).build();
  }

  @Test
  void aFindingWithoutEvidenceIsRefused() {
    assertThatThrownBy(() -> Finding.builder("x", Severity.LOW).title("t").subject(Subject.table("t"))
        .impact(Impact.unknown("u")).fix(Fix.action("a")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs evidence");
  }

  @Test
  void reportRanksByImpactThenSeverity() {
    Finding cheapCritical = finding("a", Severity.CRITICAL, 0);
    Finding costlyLow = finding("b", Severity.LOW, 5_000);
    Finding costlyHigh = finding("c", Severity.HIGH, 5_000);
    Report report = new Report(1, "t", Instant.EPOCH, "x", 0, List.of(cheapCritical, costlyLow, costlyHigh), List.of());
    assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("c", "b", "a");
    assertThat(report.worstSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(report.hasFindingsAtLeast(Severity.HIGH)).isTrue();
  }

  @Test
  void severityThresholdsCompareFromMostSevere() {
    assertThat(Severity.HIGH.atLeast(Severity.MEDIUM)).isTrue();
    assertThat(Severity.LOW.atLeast(Severity.MEDIUM)).isFalse();
    assertThat(Severity.parse(" High ")).isEqualTo(Severity.HIGH);
    assertThatThrownBy(() -> Severity.parse("urgent")).hasMessageContaining("expected critical, high");
  }

  @Test
  void suppressionKeyIsRuleAndSubjectName() {
    assertThat(finding("unused-index", Severity.LOW, 0).key()).isEqualTo("unused-index:public.t");
  }

  @Test
  void negativeImpactIsRefused() {
    assertThatThrownBy(() -> new Impact(-1, "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
