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
 * {@code heap-fetches}: an index-only scan still visits the table for many rows because their pages are not
 * marked all-visible — the visibility map is behind (vacuum has not run since the rows changed). Needs ANALYZE.
 */
public final class HeapFetchesRule implements PlanRule {

  public static final String ID = "heap-fetches";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : context.plan().nodes()) {
      if (node.kind() != NodeKind.INDEX_ONLY_SCAN || node.actual() == null) {
        continue;
      }
      double rows = node.actual().totalRows();
      double fetches = node.totalHeapFetches();
      double ratio = rows == 0 ? 0 : fetches / rows;
      if (rows >= context.settings().minRowsExamined() && ratio >= context.settings().heapFetchesMinRatio()) {
        findings.add(new PlanFinding(node, NodeFindings.start(context, ID, node,
                context.plan().time(node).selfMillis(),
                "The index-only scan had to visit the table for " + Quantities.number(Math.round(fetches))
                    + " of " + Quantities.number(Math.round(rows)) + " rows: their pages are not all-visible yet.")
            .title("Index-only scan on " + node.relation() + " fetches " + NodeFindings.percent(ratio)
                + " of its rows from the heap")
            .subject(Subject.table(node.relation()))
            .evidence(Evidence.of("heap_fetches", fetches, "rows"))
            .evidence(Evidence.crossed("heap_fetch_ratio", NodeFindings.round(ratio), "ratio",
                context.settings().heapFetchesMinRatio()))
            .fix(Fix.sql("Vacuum the table to update its visibility map; if it recurs, make autovacuum visit it "
                + "more often.", "VACUUM (ANALYZE) " + node.relation() + ";\n-- if it recurs:\nALTER TABLE "
                + node.relation() + " SET (autovacuum_vacuum_scale_factor = 0.02);"))
            .build()));
      }
    }
    return findings;
  }
}
