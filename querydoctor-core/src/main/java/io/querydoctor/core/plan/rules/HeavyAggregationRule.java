package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code heavy-aggregation}: an aggregate reads a very large input and its subtree dominates the query, so the
 * query recomputes the same summary from raw rows on every call. Uses measured rows and time when analyzed,
 * else estimated rows and cost.
 */
public final class HeavyAggregationRule implements PlanRule {

  public static final String ID = "heavy-aggregation";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    Plan plan = context.plan();
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : plan.nodes()) {
      if (node.kind() != NodeKind.AGGREGATE) {
        continue;
      }
      double input = node.inputs().stream().mapToDouble(PlanNode::totalRows).sum();
      double share = plan.isAnalyzed()
          ? NodeFindings.share(plan, node, plan.time(node).inclusiveMillis())
          : node.estimate().totalCost() / Math.max(1e-9, plan.root().estimate().totalCost());
      if (input >= context.settings().heavyAggregationMinRows() && share >= context.settings().heavyAggregationMinShare()) {
        findings.add(new PlanFinding(node, finding(context, node, input, share)));
      }
    }
    return findings;
  }

  private static io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode node, double input,
      double share) {
    PlanNode scan = ScanIndexAdvice.singleScanBelow(node);
    String source = scan != null ? scan.relation() : "its inputs";
    return NodeFindings.start(context, ID, node, context.plan().time(node).inclusiveMillis(),
            "The aggregate summarises " + Quantities.number(Math.round(input)) + " rows of " + source
                + " on every execution" + (node.groupKeys().isEmpty() ? "" : ", grouped by "
                + String.join(", ", node.groupKeys())) + ".")
        .title("Aggregate over " + Quantities.number(Math.round(input)) + " rows takes "
            + NodeFindings.percent(share) + " of the query")
        .subject(scan != null ? Subject.table(scan.relation()) : context.querySubject())
        .evidence(Evidence.crossed("aggregate_input_rows", input, "rows", context.settings().heavyAggregationMinRows()))
        .evidence(Evidence.crossed("aggregate_share", NodeFindings.round(share), "ratio",
            context.settings().heavyAggregationMinShare()))
        .fix(Fix.code("Precompute the summary: a materialized view refreshed on a schedule (or a summary table "
            + "kept by the writes); for a plain row count, an approximate count from the catalog is often enough.",
            "CREATE MATERIALIZED VIEW … AS SELECT <group keys>, <aggregates> FROM " + source + " GROUP BY …;\n"
                + "REFRESH MATERIALIZED VIEW CONCURRENTLY …;  -- needs a unique index on the view\n"
                + (scan != null ? "-- approximate count(*): SELECT reltuples::bigint FROM pg_class WHERE oid = '"
                + scan.relation() + "'::regclass;" : "")))
        .build();
  }
}
