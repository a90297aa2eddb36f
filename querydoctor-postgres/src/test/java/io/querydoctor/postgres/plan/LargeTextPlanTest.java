package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalyzer;
import org.junit.jupiter.api.Test;

/** Wide and deep text plans read completely, with the same findings as the JSON form of the wide one. */
class LargeTextPlanTest {

  @Test
  void tenThousandNodesReadLikeTheirJsonForm() {
    Plan text = new PgTextPlanReader().read(PartitionedPlans.text(9_998));
    Plan json = new PgPlanReader().read(PartitionedPlans.json(9_998));

    assertThat(text.nodes()).hasSize(10_000);
    // The synthetic JSON gives buffers to the scans only, which a real server never does: compare the rest.
    assertThat(withoutBuffers(PlanShape.of(text, true))).isEqualTo(withoutBuffers(PlanShape.of(json, true)));
    assertThat(PlanAnalyzer.withDefaults().analyze(text).findings()).hasSize(9_998);
  }

  private static java.util.List<String> withoutBuffers(java.util.List<String> shape) {
    return shape.stream().map(line -> line.replaceAll(" buffers=\\w+", "")).toList();
  }

  @Test
  void aThousandLevelsDeepDoNotOverflowTheStack() {
    int depth = 1_000;
    StringBuilder text = new StringBuilder("Limit  (cost=0.00..1.00 rows=1 width=4)\n");
    for (int level = 1; level < depth; level++) {
      text.append(" ".repeat(6 * level - 4)).append("->  Limit  (cost=0.00..1.00 rows=1 width=4)\n");
    }
    text.append(" ".repeat(6 * depth - 4)).append("->  Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n");

    Plan plan = new PgTextPlanReader().read(text.toString());
    assertThat(plan.nodes()).hasSize(depth + 1);
    assertThat(plan.nodes().get(depth).relation()).isEqualTo("t");
  }
}
