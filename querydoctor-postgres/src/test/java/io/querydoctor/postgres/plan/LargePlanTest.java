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

  static String partitionedPlan(int partitions) {
    StringBuilder json = new StringBuilder(partitions * 420);
    json.append("[{\"Plan\": {\"Node Type\": \"Aggregate\", \"Strategy\": \"Plain\", \"Startup Cost\": 1, "
        + "\"Total Cost\": 2, \"Plan Rows\": 1, \"Plan Width\": 8, \"Actual Startup Time\": 900.0, "
        + "\"Actual Total Time\": 900.0, \"Actual Rows\": 1, \"Actual Loops\": 1, \"Plans\": [{\"Node Type\": "
        + "\"Append\", \"Parent Relationship\": \"Outer\", \"Startup Cost\": 0, \"Total Cost\": 1, \"Plan Rows\": "
        + partitions + ", \"Plan Width\": 0, \"Actual Startup Time\": 0.01, \"Actual Total Time\": 890.0, "
        + "\"Actual Rows\": " + partitions * 10 + ", \"Actual Loops\": 1, \"Plans\": [");
    for (int i = 0; i < partitions; i++) {
      json.append(i == 0 ? "" : ",").append("{\"Node Type\": \"Seq Scan\", \"Parent Relationship\": \"Member\", ")
          .append("\"Relation Name\": \"events_p").append(i).append("\", \"Alias\": \"events_p").append(i)
          .append("\", \"Startup Cost\": 0.0, \"Total Cost\": 25.5, \"Plan Rows\": 10, \"Plan Width\": 4, ")
          .append("\"Actual Startup Time\": 0.001, \"Actual Total Time\": 0.08, \"Actual Rows\": 10, ")
          .append("\"Actual Loops\": 1, \"Filter\": \"(kind = 3)\", \"Rows Removed by Filter\": 99990, ")
          .append("\"Shared Hit Blocks\": 5, \"Shared Read Blocks\": 0}");
    }
    return json.append("]}]}, \"Planning Time\": 40.0, \"Execution Time\": 901.0}]").toString();
  }

  @Test
  void tenThousandNodesReadAnalyzeAndRenderCompletely() {
    String json = partitionedPlan(9_998);
    Plan plan = new PgPlanReader().read(json);
    PlanAnalysis analysis = PlanAnalyzer.withDefaults().analyze(plan);
    String tree = new PlanTreeRenderer().render(analysis);

    assertThat(plan.nodes()).hasSize(10_000);
    // Every partition scan keeps 10 of 100 000 rows: one finding per node, each shown under its node.
    assertThat(analysis.findings()).hasSize(9_998);
    assertThat(tree.lines().filter(l -> l.strip().startsWith("#")).count()).isEqualTo(10_000);
  }
}
