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
import java.util.Locale;

/**
 * {@code row-estimate-mismatch} on MySQL/MariaDB, where actuals exist (MariaDB ANALYZE, MySQL EXPLAIN ANALYZE): a
 * table access that feeds a join returned {@code estimateMismatchFactor} (10×) more or fewer rows than the optimizer
 * expected, and the larger of the two is at least {@code estimateMismatchMinRows}. The join order and method were
 * chosen from the estimate. The fix is statistics on the filtered columns: histograms (MySQL 8
 * {@code ANALYZE TABLE … UPDATE HISTOGRAM}, MariaDB engine-independent statistics {@code PERSISTENT FOR COLUMNS}).
 */
public final class RowEstimateRule implements PlanRule {

  public static final String ID = "row-estimate-mismatch";

  private final MysqlPlan mysql;

  public RowEstimateRule(MysqlPlan mysql) {
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
      PlanNode parent = context.plan().parent(node);
      if (facts == null || node.actual() == null || node.actual().neverExecuted() || parent == null
          || !parent.kind().isJoin() || facts.joinBuffer() != null) {
        continue;
      }
      double estimated = node.estimate().rows();
      double actual = node.actual().rows();
      double factor = Math.max(estimated, actual) / Math.max(1, Math.min(estimated, actual));
      if (factor >= context.settings().estimateMismatchFactor()
          && Math.max(estimated, actual) >= context.settings().estimateMismatchMinRows()) {
        findings.add(new PlanFinding(node, finding(context, node, facts, estimated, actual, factor)));
      }
    }
    return findings;
  }

  private io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode node, TableAccessFacts facts,
      double estimated, double actual, double factor) {
    List<String> columns = new ArrayList<>();
    for (MysqlPredicate p : MysqlPredicate.parse(node.conditions().filter())) {
      if (!p.isWrapped() && !columns.contains(p.column())) {
        columns.add(p.column());
      }
    }
    String table = MysqlDdl.quote(facts.table());
    String quoted = String.join(", ", columns.stream().map(MysqlDdl::quote).toList());
    String sql = columns.isEmpty() ? "ANALYZE TABLE " + table + ";"
        : "-- MySQL 8.0+:\nANALYZE TABLE " + table + " UPDATE HISTOGRAM ON " + quoted + " WITH 100 BUCKETS;\n"
            + "-- MariaDB 10.4+:\nANALYZE TABLE " + table + " PERSISTENT FOR COLUMNS (" + quoted + ") INDEXES ();";
    String direction = actual > estimated ? "under" : "over";
    return MysqlFindings.start(context, ID, node, String.format(Locale.ROOT, "The optimizer %sestimated the rows "
            + "by %.0f×; the join order and method were chosen from that estimate.", direction, factor))
        .title("Optimizer expected " + MysqlFindings.count(estimated) + " rows, got " + MysqlFindings.count(actual)
            + " from " + facts.table())
        .subject(Subject.table(facts.table()))
        .evidence(Evidence.of("estimated_rows", estimated, "rows"))
        .evidence(Evidence.of("actual_rows", actual, "rows"))
        .evidence(Evidence.crossed("misestimate_factor", MysqlFindings.round(factor), "count",
            context.settings().estimateMismatchFactor()))
        .fix(Fix.sql("Give the optimizer statistics on the filtered columns (histograms), so it can tell how many "
            + "rows the condition keeps.", sql))
        .build();
  }
}
