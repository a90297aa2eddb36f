package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.core.plan.PlanTreeRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The 22 recorded TPC-H plans (SF 0.01, PostgreSQL 17): parse, add up, analyze and render. */
class TpchPlanFixturesTest {

  /**
   * How far the self times may be from the plan time: the server prints times to the microsecond per loop,
   * so each node contributes up to 0.0005 ms × loops of rounding, plus 0.1 % for floored negative self times.
   */
  static double tolerance(Plan plan) {
    double rounding = plan.nodes().stream().mapToDouble(n -> 0.0005 * n.loops()).sum();
    return rounding + plan.treeMillis() * 0.001 + 0.01;
  }

  static IntStream queries() {
    return IntStream.rangeClosed(1, 22);
  }

  @ParameterizedTest(name = "q{0}")
  @MethodSource("queries")
  void recordedPlanAddsUpAndRenders(int query) throws IOException {
    Plan plan = read(query);
    double selfSum = plan.nodes().stream().mapToDouble(n -> plan.time(n).selfMillis()).sum();

    assertThat(selfSum).isCloseTo(plan.treeMillis(), within(tolerance(plan)));
    PlanAnalysis analysis = PlanAnalyzer.withDefaults().analyze(plan, "tpch-q" + query, 0);
    String tree = new PlanTreeRenderer().render(analysis);
    assertThat(tree.lines().filter(l -> l.strip().startsWith("#")).count()).isEqualTo(plan.nodes().size());
  }

  /** An expert's reading of the unindexed TPC-H plans: the fixes name the right columns in the right order. */
  @org.junit.jupiter.params.ParameterizedTest(name = "q{0} {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      3  | inefficient-index-scan | CREATE INDEX CONCURRENTLY ON lineitem (l_orderkey, l_shipdate);
      6  | seq-scan-large-table   | CREATE INDEX CONCURRENTLY ON lineitem (l_shipdate);
      22 | non-sargable-predicate | CREATE INDEX CONCURRENTLY ON customer ((substr((c_phone)::text, 1, 2)));
      """)
  void fixesNameTheRightColumns(int query, String rule, String ddl) throws IOException {
    PlanAnalysis analysis = PlanAnalyzer.withDefaults().analyze(read(query), "tpch-q" + query, 0);

    assertThat(analysis.reportFindings()).filteredOn(f -> f.ruleId().equals(rule))
        .extracting(f -> f.fix().sql()).contains(ddl);
  }

  /** Regression: q17's outer scan stops after one row because the hash side is empty; that is no misestimate. */
  @org.junit.jupiter.api.Test
  void anEarlyStoppedScanIsNoMisestimate() throws IOException {
    assertThat(PlanAnalyzer.withDefaults().analyze(read(17)).reportFindings()).isEmpty();
  }

  private static Plan read(int query) throws IOException {
    try (InputStream in = TpchPlanFixturesTest.class.getResourceAsStream("/plans/pg/tpch/q" + query + ".json")) {
      assertThat(in).as("fixture q" + query).isNotNull();
      return new PgPlanReader().read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
