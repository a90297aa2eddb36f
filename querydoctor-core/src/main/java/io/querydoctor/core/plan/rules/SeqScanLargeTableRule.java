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
 * {@code seq-scan-large-table}: a sequential scan reads many rows and its filter throws most of them away —
 * the rows it keeps could have been found through an index. With ANALYZE it uses the rows the filter removed;
 * on a plan that was not run it uses the planner's estimate of the rows kept against the catalog's row count
 * of the table (and says so), which is how a generic plan of a pg_stat_statements entry can be judged.
 */
public final class SeqScanLargeTableRule implements PlanRule {

  public static final String ID = "seq-scan-large-table";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    PlanRuleSettings settings = context.settings();
    for (PlanNode node : context.plan().nodes()) {
      if (node.kind() != NodeKind.SEQ_SCAN || node.conditions().filter() == null) {
        continue;
      }
      if (node.actual() == null) {
        estimated(context, node).ifPresent(findings::add);
        continue;
      }
      double kept = node.actual().totalRows();
      double read = kept + node.totalRowsRemovedByFilter();
      double keptRatio = read == 0 ? 1 : kept / read;
      if (tableRows(node) >= settings.seqScanMinRows() && keptRatio <= settings.seqScanMaxKeptRatio()) {
        findings.add(new PlanFinding(node, finding(context, node, read, keptRatio)));
      }
    }
    return findings;
  }

  private static java.util.Optional<PlanFinding> estimated(PlanContext context, PlanNode node) {
    double tableRows = context.tableRows().applyAsDouble(node.relation());
    if (tableRows < context.settings().seqScanMinRows() || tableRows <= 0) {
      return java.util.Optional.empty();
    }
    double keptRatio = Math.min(1, node.estimate().rows() / tableRows);
    if (keptRatio > context.settings().seqScanMaxKeptRatio()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new PlanFinding(node, finding(context, node, tableRows, keptRatio)));
  }

  /**
   * Rows in the table, as the scan saw them: one loop reads the whole table, except that the loops of a
   * parallel scan share it. Re-scanning a small table many times (a nested loop's inner side) is
   * {@code nested-loop-large}, not a large table.
   */
  private static double tableRows(PlanNode scan) {
    double perLoop = scan.actual().rows() + scan.rowsRemovedByFilter();
    return scan.parallelAware() ? perLoop * scan.loops() : perLoop;
  }

  /**
   * A filter no B-tree on a bare column serves: a LIKE gets the index that does serve it (a left-anchored
   * pattern: a {@code text_pattern_ops} B-tree; any other: a trigram GIN index), anything else the rewrite.
   */
  private static Fix noPlainIndex(PlanContext context, PlanNode node) {
    for (Comparison c : context.comparisons(node.conditions().filter(), node.relation())) {
      boolean like = c.operator().equals("~~") || c.operator().equals("~~*");
      if (like && c.wrapping() == Comparison.Wrapping.BARE && c.right().startsWith("'")) {
        boolean anchored = c.operator().equals("~~") && !c.right().startsWith("'%") && !c.right().startsWith("'_");
        return anchored
            ? Fix.sql("The LIKE pattern is anchored at the start: a B-tree with text_pattern_ops serves it (a plain "
                + "B-tree does only under the C collation).", "CREATE INDEX CONCURRENTLY ON " + node.relation()
                + " (" + c.column() + " text_pattern_ops);")
            : Fix.sql("A LIKE/ILIKE pattern that does not start with fixed text needs a trigram index (pg_trgm, a "
                + "contrib extension): no B-tree serves it.", "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
                + "CREATE INDEX CONCURRENTLY ON " + node.relation() + " USING gin (" + c.column()
                + " gin_trgm_ops);");
      }
    }
    return Fix.action("No plain column comparison in the filter " + node.conditions().filter()
        + " can use an index; rewrite it (see non-sargable-predicate) or index the expression it uses.");
  }

  private static io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode node, double read,
      double keptRatio) {
    PlanRuleSettings settings = context.settings();
    IndexDefinition index = ScanIndexAdvice.forScan(context, node);
    Fix fix = index.isEmpty()
        ? noPlainIndex(context, node)
        : Fix.sql("Create an index on " + String.join(", ", index.keyColumns())
            + " (equality columns first, then range, then sort) so the rows are looked up, not scanned."
            + index.castNote(), index.ddl());
    return NodeFindings.start(context, ID, node, context.plan().time(node).selfMillis(),
            "The scan reads every row of the table and its filter discards most of them. Filter: "
                + node.conditions().filter() + ".")
        .title("Sequential scan of " + node.relation() + " reads " + Quantities.number(Math.round(read))
            + " rows to keep " + (node.actual() == null ? "an estimated " : "") + NodeFindings.percent(keptRatio))
        .subject(Subject.table(node.relation()))
        .concerns(index.isEmpty() ? java.util.List.of()
            : java.util.List.of(Subject.columns(node.relation(), String.join(", ", index.keyColumns()))))
        .evidence(Evidence.crossed("rows_read", read, "rows", settings.seqScanMinRows()))
        .evidence(Evidence.crossed("kept_ratio", NodeFindings.round(keptRatio), "ratio", settings.seqScanMaxKeptRatio()))
        .evidence(Evidence.of("loops", node.loops(), "count"))
        .fix(fix)
        .build();
  }
}
