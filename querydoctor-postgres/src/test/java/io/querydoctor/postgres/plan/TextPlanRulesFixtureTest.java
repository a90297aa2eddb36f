package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalyzer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On recorded pairs (EXPLAIN JSON and TEXT of the same statement, recorded by {@link TextPlanAgreementIT}):
 * both read into the same tree, and the plan rules give the same findings (rule and subject) from the text as
 * from the JSON. Severity is left out: it follows the measured time, which differs between the two executions.
 */
class TextPlanRulesFixtureTest {

  static List<String> pairs() {
    List<String> names = new java.util.ArrayList<>(PlanCase.all().stream().map(PlanCase::name).toList());
    names.addAll(List.of("index-scan", "merge-join", "cte", "subplan", "initplan", "limit-offset",
        "hash-aggregate-spill", "anti-join-and-left-join", "union-and-values", "parallel-aggregate",
        "verbose-settings", "timing-off", "costs-off", "estimate-only", "never-executed", "incremental-sort",
        "external-sort", "insert-wal"));
    return names;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void textAndJsonGiveTheSameTreeAndTheSameFindings(String name) throws IOException {
    Plan json = new PgPlanReader().read(PgTextPlanReaderTest.fixture("pg-text/" + name + ".json"));
    Plan text = new PgTextPlanReader().read(PgTextPlanReaderTest.fixture("pg-text/" + name + ".txt"));
    boolean withRows = !name.startsWith("parallel");

    assertThat(PlanShape.of(text, withRows)).isEqualTo(PlanShape.of(json, withRows));
    assertThat(findings(text)).isEqualTo(findings(json));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("firing")
  void eachRuleFiresFromItsTextPlan(PlanCase planCase) throws IOException {
    Plan text = new PgTextPlanReader().read(PgTextPlanReaderTest.fixture("pg-text/" + planCase.name() + ".txt"));
    assertThat(findings(text)).anyMatch(f -> f.startsWith(planCase.rule() + " "));
  }

  static List<PlanCase> firing() {
    return PlanCase.all().stream().filter(PlanCase::fires).toList();
  }

  private static List<String> findings(Plan plan) {
    return PlanAnalyzer.withDefaults().analyze(plan, "q1", 60).reportFindings().stream()
        .map(f -> f.ruleId() + " " + f.subject()).sorted().toList();
  }
}
