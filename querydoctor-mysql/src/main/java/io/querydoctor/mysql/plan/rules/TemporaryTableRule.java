package io.querydoctor.mysql.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.rules.PlanContext;
import io.querydoctor.core.plan.rules.PlanFinding;
import io.querydoctor.core.plan.rules.PlanRule;
import io.querydoctor.mysql.plan.MysqlPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code temporary-table-large}: a GROUP BY, DISTINCT or UNION builds an internal temporary table ("Using
 * temporary") from at least {@code topNMinInput} (10 000) rows. Past {@code tmp_table_size} /
 * {@code max_heap_table_size} it goes to disk. The fix is an index on the grouping columns so the groups come out of
 * the index in order (a group aggregate without a temporary table), else more memory for in-memory temporary tables.
 */
public final class TemporaryTableRule implements PlanRule {

  public static final String ID = "temporary-table-large";

  private final MysqlPlan mysql;

  public TemporaryTableRule(MysqlPlan mysql) {
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
      boolean temporary = node.kind() == NodeKind.MATERIALIZE && node.nodeType().startsWith("Temporary table")
          || node.kind() == NodeKind.AGGREGATE && node.nodeType().contains("temporary table");
      if (!temporary) {
        continue;
      }
      double input = Subtrees.inputRows(node);
      if (input >= context.settings().topNMinInput()) {
        findings.add(new PlanFinding(node, finding(context, node, input)));
      }
    }
    return findings;
  }

  private io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode node, double input) {
    PlanNode parent = context.plan().parent(node);
    List<String> groupKeys = parent != null && parent.sort() != null ? parent.sort().keys() : List.of();
    PlanNode scan = Subtrees.singleTable(mysql, node);
    List<String> columns = groupKeys.stream().map(k -> k.substring(k.lastIndexOf('.') + 1))
        .filter(k -> k.matches("[A-Za-z_][\\w$]*")).toList();
    Fix fix = scan != null && !columns.isEmpty() && columns.size() == groupKeys.size()
        ? Fix.sql("Add an index on the grouping columns (" + String.join(", ", columns) + ") so groups are read in "
            + "order from the index instead of collected in a temporary table.",
            MysqlDdl.addIndex(mysql.facts(scan).table(), columns))
        : Fix.setting("Index the GROUP BY / DISTINCT columns so no temporary table is needed; failing that, let "
            + "in-memory temporary tables grow before they go to disk (both settings bound them).",
            "SET SESSION tmp_table_size = 64 * 1024 * 1024;\nSET SESSION max_heap_table_size = 64 * 1024 * 1024;");
    return MysqlFindings.start(context, ID, node, "The query collects " + MysqlFindings.count(input)
            + " rows in an internal temporary table (Using temporary) to group, deduplicate or sort them.")
        .title("Temporary table over " + MysqlFindings.count(input) + " rows")
        .subject(scan != null ? Subject.table(mysql.facts(scan).table()) : context.querySubject())
        .evidence(Evidence.crossed("temporary_table_input_rows", input, "rows", context.settings().topNMinInput()))
        .fix(fix)
        .build();
  }
}
