package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code top-n-full-sort}: {@code ORDER BY … LIMIT} sorts its whole input to return a few rows. Even a top-N
 * heapsort reads every input row; an index in the sort order lets the LIMIT stop after N. Uses measured rows
 * when analyzed, else estimates.
 */
public final class TopNFullSortRule implements PlanRule {

  public static final String ID = "top-n-full-sort";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : context.plan().nodes()) {
      if (node.kind() != NodeKind.LIMIT) {
        continue;
      }
      PlanNode sort = sortBelow(node);
      if (sort == null) {
        continue;
      }
      double input = sort.inputs().stream().mapToDouble(PlanNode::totalRows).sum();
      if (input >= context.settings().topNMinInput()) {
        findings.add(new PlanFinding(sort, finding(context, node, sort, input)));
      }
    }
    return findings;
  }

  /** The full sort directly under the limit, possibly through a Gather Merge. */
  private static PlanNode sortBelow(PlanNode limit) {
    PlanNode current = limit.inputs().isEmpty() ? null : limit.inputs().get(0);
    while (current != null && current.kind() == NodeKind.GATHER && current.inputs().size() == 1) {
      current = current.inputs().get(0);
    }
    return current != null && current.kind() == NodeKind.SORT ? current : null;
  }

  private static io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode limit, PlanNode sort,
      double input) {
    PlanNode scan = ScanIndexAdvice.singleScanBelow(sort);
    IndexDefinition index = scan == null ? null : ScanIndexAdvice.forScan(context, scan);
    Fix fix = index != null && !index.sort().isEmpty()
        ? Fix.sql("Create an index on the equality filters then the sort order, so the LIMIT reads only the "
            + "first rows; page further with keyset pagination (WHERE (key) > (last seen) … LIMIT n), not OFFSET.",
            index.ddl())
        : Fix.action("Give the query an index in the order of " + String.join(", ", sort.sort().keys())
            + " (after its equality filters) so the LIMIT can stop early; page with keyset pagination, not OFFSET.");
    return NodeFindings.start(context, ID, sort, context.plan().time(sort).inclusiveMillis(),
            "To return " + Quantities.number(Math.round(limit.totalRows())) + " rows the query sorts "
                + Quantities.number(Math.round(input)) + " by " + String.join(", ", sort.sort().keys()) + ".")
        .title("LIMIT sorts " + Quantities.number(Math.round(input)) + " rows to return "
            + Quantities.number(Math.round(limit.totalRows())))
        .subject(scan != null ? Subject.table(scan.relation()) : context.querySubject())
        .evidence(Evidence.crossed("sort_input_rows", input, "rows", context.settings().topNMinInput()))
        .evidence(Evidence.of("limit_rows", limit.totalRows(), "rows"))
        .fix(fix)
        .build();
  }
}
