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
import io.querydoctor.mysql.plan.TableAccessFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts MySQL/MariaDB do without an index ("Using filesort"), on large inputs, under three ids:
 * {@code top-n-full-sort} when a LIMIT takes a few rows of the sort (MariaDB's {@code r_limit}, MySQL's Limit over
 * Sort), {@code sort-spill} when the sort merged through temporary files (MariaDB's {@code r_sort_passes} &gt; 0),
 * else {@code filesort-large} when it sorts at least {@code topNMinInput} (10 000) rows. The fix is an index whose
 * columns are the equality filters then the sort keys, so rows come out in order; for a spill,
 * {@code sort_buffer_size}.
 */
public final class FilesortRule implements PlanRule {

  public static final String ID = "filesort-large";

  private final MysqlPlan mysql;

  public FilesortRule(MysqlPlan mysql) {
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
      if (node.kind() != NodeKind.SORT) {
        continue;
      }
      double input = Subtrees.inputRows(node);
      PlanNode parent = context.plan().parent(node);
      boolean limited = parent != null && parent.kind() == NodeKind.LIMIT;
      boolean spilled = node.sort() != null && node.sort().spilled();
      if (input < context.settings().topNMinInput() && !spilled) {
        continue;
      }
      String id = limited ? "top-n-full-sort" : spilled ? "sort-spill" : ID;
      findings.add(new PlanFinding(node, finding(context, node, id, input, limited ? parent.totalRows() : -1)));
    }
    return findings;
  }

  private io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode sort, String id, double input,
      double limit) {
    List<String> keys = sort.sort() == null ? List.of() : sort.sort().keys();
    PlanNode scan = Subtrees.singleTable(mysql, sort);
    TableAccessFacts facts = Subtrees.factsOf(mysql, scan);
    List<String> sortColumns = keys.stream().map(k -> k.replaceAll(" (?i)(desc|asc)$", ""))
        .map(k -> k.substring(k.lastIndexOf('.') + 1)).filter(k -> k.matches("[A-Za-z_][\\w$]*")).toList();
    Fix fix;
    if (id.equals("sort-spill")) {
      fix = Fix.setting("The sort did not fit in sort_buffer_size and merged through temporary files: give this "
          + "session more, or add an index in the sort order.", "SET SESSION sort_buffer_size = 8 * 1024 * 1024;");
    } else if (facts != null && !sortColumns.isEmpty() && sortColumns.size() == keys.size()) {
      List<String> columns = IndexColumns.forSort(scan.conditions().filter(), sortColumns);
      fix = Fix.sql(limit >= 0
          ? "Add an index on the equality filters then the ORDER BY columns, so rows are read in order and the LIMIT "
              + "stops after the first rows; page with keyset pagination, not OFFSET."
          : "Add an index on the equality filters then the ORDER BY columns, so rows are read in order. It pays when "
              + "the index also holds the columns the query reads (InnoDB indexes carry the primary key): otherwise "
              + "reading a whole table through an index costs more than sorting it, and the sort needs memory "
              + "(sort_buffer_size) instead.", MysqlDdl.addIndex(facts.table(), columns));
    } else {
      fix = Fix.action("Give the query an index in its ORDER BY order (after its equality filters) so MySQL reads "
          + "rows in order instead of sorting them" + (keys.isEmpty() ? "" : ": " + String.join(", ", keys)) + ".");
    }
    String what = limit >= 0 ? "To return " + MysqlFindings.count(limit) + " rows the query sorts "
        : "The query sorts ";
    return MysqlFindings.start(context, id, sort, what + MysqlFindings.count(input) + " rows without an index"
            + (keys.isEmpty() ? "" : " by " + String.join(", ", keys)) + " (Using filesort).")
        .title((limit >= 0 ? "LIMIT sorts " : "Filesort of ") + MysqlFindings.count(input) + " rows"
            + (id.equals("sort-spill") ? " spilled to disk" : ""))
        .subject(facts != null ? Subject.table(facts.table()) : context.querySubject())
        .evidence(Evidence.crossed("sort_input_rows", input, "rows", context.settings().topNMinInput()))
        .fix(fix)
        .build();
  }
}
