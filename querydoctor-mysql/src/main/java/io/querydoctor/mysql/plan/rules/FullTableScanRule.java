package io.querydoctor.mysql.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.rules.PlanContext;
import io.querydoctor.core.plan.rules.PlanFinding;
import io.querydoctor.core.plan.rules.PlanRule;
import io.querydoctor.mysql.plan.MysqlPlan;
import io.querydoctor.mysql.plan.TableAccessFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code seq-scan-large-table} on MySQL/MariaDB: a full table scan ({@code type: ALL}) or full index scan
 * ({@code index}) reads at least {@code seqScanMinRows} rows per scan and its attached condition keeps at most
 * {@code seqScanMaxKeptRatio} of them — the "rows examined ≫ rows sent" of the slow log, located. Measured rows
 * when the plan was run (MariaDB ANALYZE, MySQL EXPLAIN ANALYZE), else rows examined × filtered. The fix is an
 * online {@code ALTER TABLE … ADD INDEX} on the condition's equality columns, then one range column.
 */
public final class FullTableScanRule implements PlanRule {

  public static final String ID = "seq-scan-large-table";

  private final MysqlPlan mysql;

  public FullTableScanRule(MysqlPlan mysql) {
    this.mysql = mysql;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : context.plan().nodes()) {
      TableAccessFacts facts = mysql.facts(node);
      if (facts == null || !facts.isFullScan() || node.conditions().filter() == null || facts.joinBuffer() != null) {
        continue;
      }
      ScanRows rows = ScanRows.of(node, facts);
      if (rows.read() >= context.settings().seqScanMinRows()
          && rows.keptRatio() <= context.settings().seqScanMaxKeptRatio()) {
        findings.add(new PlanFinding(node, finding(context, node, facts, rows)));
      }
    }
    return findings;
  }

  private static io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode node,
      TableAccessFacts facts, ScanRows rows) {
    List<String> columns = IndexColumns.forFilter(node.conditions().filter());
    Fix fix = columns.isEmpty()
        ? Fix.action("No plain column comparison in " + node.conditions().filter() + " can use an index: rewrite it "
            + "(see non-sargable-predicate) or index the expression.")
        : Fix.sql("Add an index on " + String.join(", ", columns) + " (equality columns first, then one range "
            + "column) so the rows are looked up instead of scanned; online, without blocking writes.",
            MysqlDdl.addIndex(facts.table(), columns));
    return MysqlFindings.start(context, ID, node, "The scan reads every row of " + facts.table()
            + " and its condition keeps few of them. Condition: " + node.conditions().filter() + ".")
        .title("Full scan of " + facts.table() + " reads " + MysqlFindings.count(rows.read()) + " rows to keep "
            + (rows.measured() ? "" : "an estimated ") + MysqlFindings.percent(rows.keptRatio()))
        .subject(Subject.table(facts.table()))
        .evidence(Evidence.crossed("rows_examined_per_scan", rows.read(), "rows", context.settings().seqScanMinRows()))
        .evidence(Evidence.crossed("kept_ratio", MysqlFindings.round(rows.keptRatio()), "ratio",
            context.settings().seqScanMaxKeptRatio()))
        .evidence(Evidence.of("loops", rows.loops(), "count"))
        .fix(fix)
        .build();
  }
}
