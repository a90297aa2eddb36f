package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.core.plan.PlanTreeRenderer;
import org.junit.jupiter.api.Test;

/**
 * A 10 000-node plan (an aggregate over a table with 9 998 partitions, each read by a sequential scan that
 * keeps 10 of 100 000 rows) reads, analyzes and renders completely. Its speed (BENCHMARKS.md §4: well under a
 * second) is measured by the JMH benchmark in querydoctor-bench, not here: timed unit tests are flaky on shared
 * machines.
 */
class LargePlanTest {

  @Test
  void tenThousandNodesReadAnalyzeAndRenderCompletely() {
    String json = PartitionedPlans.json(9_998);
    Plan plan = new PgPlanReader().read(json);
    PlanAnalysis analysis = PlanAnalyzer.withDefaults().analyze(plan);
    String tree = new PlanTreeRenderer().render(analysis);

    assertThat(plan.nodes()).hasSize(10_000);
    // Every partition scan keeps 10 of 100 000 rows: one finding per node, each shown under its node.
    assertThat(analysis.findings()).hasSize(9_998);
    assertThat(tree.lines().filter(l -> l.strip().startsWith("#")).count()).isEqualTo(10_000);
  }
}
