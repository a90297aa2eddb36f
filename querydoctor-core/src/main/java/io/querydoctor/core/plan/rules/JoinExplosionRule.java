package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code join-explosion}: a join emits far more rows than either of its inputs — a many-to-many match, a
 * missing join condition, or a join used to filter. Uses measured rows when analyzed, else estimates.
 */
public final class JoinExplosionRule implements PlanRule {

  public static final String ID = "join-explosion";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : context.plan().nodes()) {
      if (!node.kind().isJoin() || node.inputs().size() != 2) {
        continue;
      }
      double out = node.totalRows();
      double larger = Math.max(node.inputs().get(0).totalRows(), node.inputs().get(1).totalRows());
      double factor = out / Math.max(1, larger);
      if (out >= context.settings().minRowsExamined() && factor >= context.settings().joinExplosionFactor()) {
        findings.add(new PlanFinding(node, NodeFindings.start(context, ID, node,
                context.plan().time(node).inclusiveMillis(),
                "The join matches each row with many on the other side: " + Quantities.number(Math.round(larger))
                    + " rows in, " + Quantities.number(Math.round(out)) + " out. Join condition: "
                    + condition(node) + ".")
            .title(node.operatorName() + " emits " + Quantities.number(Math.round(factor)) + "× its larger input")
            .subject(context.querySubject())
            .evidence(Evidence.of("rows_out", out, "rows"))
            .evidence(Evidence.of("larger_input_rows", larger, "rows"))
            .evidence(Evidence.crossed("explosion_factor", NodeFindings.round(factor), "count",
                context.settings().joinExplosionFactor()))
            .fix(Fix.code("Check the join condition covers the whole key (a missing column multiplies rows); "
                + "aggregate the many side before joining, or use EXISTS instead of JOIN … DISTINCT when the join "
                + "only filters.", "… WHERE EXISTS (SELECT 1 FROM other o WHERE o.key = t.key)"))
            .build()));
      }
    }
    return findings;
  }

  private static String condition(PlanNode node) {
    var c = node.conditions();
    String condition = c.hashCond() != null ? c.hashCond() : c.mergeCond() != null ? c.mergeCond() : c.joinFilter();
    return condition == null ? "none (a cross join)" : condition;
  }
}
