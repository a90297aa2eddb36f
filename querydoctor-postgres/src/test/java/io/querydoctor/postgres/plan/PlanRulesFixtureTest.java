package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.core.plan.PlanTreeRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every plan rule over the recorded fixtures: fires on its firing case, stays silent on its silent case. */
class PlanRulesFixtureTest {

  static List<PlanCase> cases() {
    return PlanCase.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleFiresOnlyOnItsFiringFixture(PlanCase planCase) throws IOException {
    PlanAnalysis analysis = analyze(planCase.name());
    List<Finding> mine = analysis.reportFindings().stream().filter(f -> f.ruleId().equals(planCase.rule())).toList();
    assertThat(!mine.isEmpty()).as(new PlanTreeRenderer().render(analysis)).isEqualTo(planCase.fires());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      seq-scan-large-table-fires    | seq-scan-large-table   | table orders             | CREATE INDEX CONCURRENTLY ON orders (customer_id);
      row-estimate-mismatch-fires   | row-estimate-mismatch  | table orders             | CREATE STATISTICS ON status, channel FROM orders;
      sort-spill-fires              | sort-spill             | fingerprint query        | SET work_mem =
      hash-spill-fires              | hash-spill             | fingerprint query        | SET work_mem =
      nested-loop-large-fires       | nested-loop-large      | table regions            | CREATE INDEX CONCURRENTLY ON regions (code);
      non-sargable-predicate-fires  | non-sargable-predicate | columns orders(created_at) | created_at >= '2024-03-01'::date AND created_at < '2024-03-01'::date + 1
      inefficient-index-scan-fires  | inefficient-index-scan | table orders             | CREATE INDEX CONCURRENTLY ON orders (status, created_at);
      join-explosion-fires          | join-explosion         | fingerprint query        | EXISTS
      heavy-aggregation-fires       | heavy-aggregation      | table events             | CREATE MATERIALIZED VIEW
      top-n-full-sort-fires         | top-n-full-sort        | table orders             | CREATE INDEX CONCURRENTLY ON orders (total DESC);
      heap-fetches-fires            | heap-fetches           | table visits_fresh       | VACUUM (ANALYZE) visits_fresh;
      lossy-bitmap-scan-fires       | lossy-bitmap-scan      | table orders             | SET work_mem =
      """)
  void findingNamesSubjectAndFix(String fixture, String rule, String subject, String fixText) throws IOException {
    PlanAnalysis analysis = analyze(fixture);
    Finding finding = analysis.reportFindings().stream().filter(f -> f.ruleId().equals(rule)).findFirst().orElseThrow();
    assertThat(finding.subject().toString()).isEqualTo(subject);
    assertThat(finding.fix().sql()).contains(fixText);
    assertThat(finding.detail()).contains("Plan node: #");
    assertThat(finding.evidence()).anyMatch(e -> e.threshold() != null);
    assertThat(finding.evidence()).anyMatch(e -> e.name().equals("share_of_query_time"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void selfTimesAddUpToThePlanTime(PlanCase planCase) throws IOException {
    Plan plan = read(planCase.name());
    double sum = plan.nodes().stream().mapToDouble(n -> plan.time(n).selfMillis()).sum();
    assertThat(sum).isCloseTo(plan.treeMillis(), org.assertj.core.api.Assertions.within(0.01 + plan.nodes().size() * 0.002));
  }

  @org.junit.jupiter.api.Test
  void impactIsTimePerExecutionTimesCallsPerHourAndQueryFindingsNameTheFingerprint() throws IOException {
    Plan plan = read("sort-spill-fires");
    Finding finding = PlanAnalyzer.withDefaults().analyze(plan, "a1b2c3", 120).reportFindings().stream()
        .filter(f -> f.ruleId().equals("sort-spill")).findFirst().orElseThrow();
    double nodeMillis = finding.evidence().stream().filter(e -> e.name().equals("node_time_ms")).findFirst()
        .orElseThrow().value();

    assertThat(finding.subject().toString()).isEqualTo("fingerprint a1b2c3");
    assertThat(finding.impact().millisPerHour()).isCloseTo(nodeMillis * 120, org.assertj.core.api.Assertions.within(0.5));
    assertThat(finding.impact().basis()).contains("× 120 calls/h");
  }

  static PlanAnalysis analyze(String fixture) throws IOException {
    return PlanAnalyzer.withDefaults().analyze(read(fixture));
  }

  static Plan read(String fixture) throws IOException {
    try (InputStream in = PlanRulesFixtureTest.class.getResourceAsStream("/plans/pg/" + fixture + ".json")) {
      assertThat(in).as("fixture " + fixture).isNotNull();
      return new PgPlanReader().read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
