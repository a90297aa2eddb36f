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
 * {@code inefficient-index-scan}: an index scan fetches rows that its filter then mostly throws away — the
 * index matches only part of the predicate. The fix is an index that also covers the filtered columns.
 * Needs ANALYZE.
 */
public final class InefficientIndexScanRule implements PlanRule {

  public static final String ID = "inefficient-index-scan";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    PlanRuleSettings settings = context.settings();
    for (PlanNode node : context.plan().nodes()) {
      boolean indexScan = node.kind() == NodeKind.INDEX_SCAN || node.kind() == NodeKind.INDEX_ONLY_SCAN
          || node.kind() == NodeKind.BITMAP_HEAP_SCAN;
      if (!indexScan || node.actual() == null || node.conditions().filter() == null) {
        continue;
      }
      double removed = node.totalRowsRemovedByFilter();
      double fetched = removed + node.actual().totalRows();
      double removedRatio = fetched == 0 ? 0 : removed / fetched;
      if (fetched >= settings.minRowsExamined() && removedRatio >= settings.inefficientIndexRemovedRatio()) {
        findings.add(new PlanFinding(node, finding(context, node, fetched, removedRatio)));
      }
    }
    return findings;
  }

  /** The node that names the index: a bitmap heap scan's bitmap index scan below it, else the scan itself. */
  private static PlanNode indexLookup(PlanNode scan) {
    if (scan.kind() == NodeKind.BITMAP_HEAP_SCAN && scan.inputs().size() == 1
        && scan.inputs().get(0).kind() == NodeKind.BITMAP_INDEX_SCAN) {
      return scan.inputs().get(0);
    }
    return scan;
  }

  private static io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode node, double fetched,
      double removedRatio) {
    IndexDefinition index = ScanIndexAdvice.forScan(context, node);
    PlanNode lookup = indexLookup(node);
    String using = lookup.index() != null ? lookup.index() : "its index";
    String condition = lookup.conditions().indexCond() != null ? lookup.conditions().indexCond()
        : node.conditions().recheckCond();
    Fix fix = index.isEmpty()
        ? Fix.action("Extend " + using + " with the filtered columns (" + node.conditions().filter() + ").")
        : Fix.sql("Create an index that matches the filter too (equality columns first, then range, then sort), "
            + "so rows are not fetched only to be discarded." + index.castNote(), index.ddl());
    return NodeFindings.start(context, ID, node, context.plan().time(node).selfMillis(),
            "The scan looks rows up by " + using + " (" + condition + ") and then discards "
                + NodeFindings.percent(removedRatio) + " of them with the filter "
                + node.conditions().filter() + ".")
        .title(node.operatorName() + " on " + node.relation() + " discards " + NodeFindings.percent(removedRatio)
            + " of the rows it fetches")
        .subject(Subject.table(node.relation()))
        .evidence(Evidence.of("rows_fetched", fetched, "rows"))
        .evidence(Evidence.crossed("removed_ratio", NodeFindings.round(removedRatio), "ratio",
            context.settings().inefficientIndexRemovedRatio()))
        .fix(fix)
        .build();
  }
}
