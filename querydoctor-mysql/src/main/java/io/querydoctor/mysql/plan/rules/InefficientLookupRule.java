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
 * {@code inefficient-index-scan} on MySQL/MariaDB: an index lookup ({@code ref}, {@code range}) reads at least
 * {@code minRowsExamined} rows and its attached condition discards at least {@code inefficientIndexRemovedRatio}
 * (90 %) of them — rows examined ≫ rows sent, with an index that matches only part of the condition. Measured only
 * (MariaDB ANALYZE, MySQL EXPLAIN ANALYZE): the optimizer's {@code filtered} for a lookup is a guess. The fix is an
 * index on the condition's equality columns, then the range column.
 */
public final class InefficientLookupRule implements PlanRule {

  public static final String ID = "inefficient-index-scan";

  private final MysqlPlan mysql;

  public InefficientLookupRule(MysqlPlan mysql) {
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
      if (facts == null || facts.isFullScan() || !node.kind().isIndexLookup() || node.actual() == null
          || node.conditions().filter() == null || facts.joinBuffer() != null) {
        continue;
      }
      ScanRows rows = ScanRows.of(node, facts);
      double read = rows.read() * rows.loops();
      double removed = 1 - rows.keptRatio();
      if (read >= context.settings().minRowsExamined() && removed >= context.settings().inefficientIndexRemovedRatio()) {
        findings.add(new PlanFinding(node, finding(context, node, facts, read, removed)));
      }
    }
    return findings;
  }

  private static io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode node,
      TableAccessFacts facts, double read, double removed) {
    String lookup = node.conditions().indexCond();
    String both = lookup == null ? node.conditions().filter() : lookup + " and " + node.conditions().filter();
    List<String> columns = IndexColumns.forFilter(both);
    Fix fix = columns.isEmpty()
        ? Fix.action("Extend " + node.index() + " with the columns of " + node.conditions().filter() + ".")
        : Fix.sql("Add an index that matches the whole condition (equality columns first, then the range column), so "
            + "rows are not read only to be discarded.", MysqlDdl.addIndex(facts.table(), columns));
    return MysqlFindings.start(context, ID, node, "The lookup reads rows by " + node.index()
            + (lookup == null ? "" : " (" + lookup + ")") + " and then discards " + MysqlFindings.percent(removed)
            + " of them with " + node.conditions().filter() + ".")
        .title(node.nodeType() + " on " + facts.table() + " discards " + MysqlFindings.percent(removed)
            + " of the " + MysqlFindings.count(read) + " rows it reads")
        .subject(Subject.table(facts.table()))
        .evidence(Evidence.crossed("rows_examined", read, "rows", context.settings().minRowsExamined()))
        .evidence(Evidence.crossed("removed_ratio", MysqlFindings.round(removed), "ratio",
            context.settings().inefficientIndexRemovedRatio()))
        .fix(fix)
        .build();
  }
}
