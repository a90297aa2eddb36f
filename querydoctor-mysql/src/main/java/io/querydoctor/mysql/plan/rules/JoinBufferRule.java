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
 * {@code join-buffer}: a join reads a table of at least {@code seqScanMinRows} rows through the join buffer — a
 * block nested loop (MariaDB's {@code block-nl-join}, MySQL 5.7's BNL) or MySQL 8's hash join — because no index
 * serves the join condition, so every join compares the outer rows with the whole table. The fix indexes the inner
 * table's join column, so each outer row becomes one index lookup ({@code ref}/{@code eq_ref}).
 */
public final class JoinBufferRule implements PlanRule {

  public static final String ID = "join-buffer";

  private final MysqlPlan mysql;

  public JoinBufferRule(MysqlPlan mysql) {
    this.mysql = mysql;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode join : context.plan().nodes()) {
      if (!join.kind().isJoin() || join.inputs().size() != 2) {
        continue;
      }
      PlanNode inner = innerScan(join);
      TableAccessFacts facts = inner == null ? null : mysql.facts(inner);
      boolean buffered = facts != null && (facts.joinBuffer() != null || join.kind() == NodeKind.HASH_JOIN);
      if (!buffered || !facts.isFullScan()) {
        continue;
      }
      // Rows per pass over the table: the estimate; measured rows of a buffered table count matches, not reads.
      ScanRows measured = ScanRows.of(inner, facts);
      ScanRows rows = new ScanRows(Math.max(facts.rowsExaminedPerScan(), measured.measured() && facts.joinBuffer()
          == null ? measured.read() : 0), measured.kept(), measured.loops(), measured.measured());
      if (rows.read() >= context.settings().seqScanMinRows()) {
        findings.add(new PlanFinding(join, finding(context, join, inner, facts, rows)));
      }
    }
    return findings;
  }

  /** The table read through the buffer: MySQL JSON's next table, the tree's hash build side, else the larger scan. */
  private PlanNode innerScan(PlanNode join) {
    PlanNode second = join.inputs().get(1);
    PlanNode candidate = second.kind() == NodeKind.HASH && !second.inputs().isEmpty() ? second.inputs().get(0) : second;
    if (mysql.facts(candidate) != null && mysql.facts(candidate).isFullScan()) {
      return candidate;
    }
    PlanNode first = join.inputs().get(0);
    return mysql.facts(first) != null && join.kind() == NodeKind.HASH_JOIN ? first : mysql.facts(candidate) != null
        ? candidate : null;
  }

  private static io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode join, PlanNode inner,
      TableAccessFacts facts, ScanRows rows) {
    String condition = join.conditions().hashCond() != null ? join.conditions().hashCond()
        : join.conditions().joinFilter() != null ? join.conditions().joinFilter() : inner.conditions().filter();
    String column = joinColumn(condition, inner.relation());
    if (column == null) {
      column = joinColumn(condition, facts.table());
    }
    String how = facts.joinBuffer() != null ? facts.joinBuffer() : "hash join";
    Fix fix = column != null
        ? Fix.sql("Index " + facts.table() + "." + column + " so each outer row is one index lookup instead of a "
            + "pass over the join buffer.", MysqlDdl.addIndex(facts.table(), List.of(column)))
        : Fix.action("Index the join column(s) of " + facts.table() + (condition == null ? "" : " in " + condition)
            + " so the join looks rows up instead of buffering the whole table.");
    return MysqlFindings.start(context, ID, join, "The join reads all of " + facts.table() + " ("
            + MysqlFindings.count(rows.read()) + " rows) through the join buffer (" + how + ") because no index "
            + "serves " + (condition == null ? "the join condition" : condition) + ".")
        .title("Join reads " + facts.table() + " (" + MysqlFindings.count(rows.read()) + " rows) through the join "
            + "buffer (" + how + ")")
        .subject(Subject.table(facts.table()))
        .evidence(Evidence.crossed("inner_rows_per_scan", rows.read(), "rows", context.settings().seqScanMinRows()))
        .fix(fix)
        .build();
  }

  /** The column of {@code table} in an equality with another table's column. */
  static String joinColumn(String condition, String table) {
    for (MysqlPredicate p : MysqlPredicate.parse(condition)) {
      if (!p.isEquality() || p.isWrapped() || p.comparesWithValue()) {
        continue;
      }
      if (table.equals(p.qualifier())) {
        return p.column();
      }
      String right = MysqlPredicate.strip(p.right());
      if (right.startsWith(table + ".")) {
        String column = right.substring(table.length() + 1);
        return column.matches("[A-Za-z_][\\w$]*") ? column : null;
      }
    }
    return null;
  }
}
