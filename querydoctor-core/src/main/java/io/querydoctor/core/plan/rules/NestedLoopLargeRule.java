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
 * {@code nested-loop-large}: a nested loop re-runs its inner side many times and that side is not an index
 * lookup, so every outer row re-reads (or re-walks a materialized copy of) the inner relation. Uses the
 * measured loops when analyzed, else the outer side's estimated rows.
 */
public final class NestedLoopLargeRule implements PlanRule {

  public static final String ID = "nested-loop-large";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : context.plan().nodes()) {
      List<PlanNode> inputs = node.inputs();
      if (node.kind() != NodeKind.NESTED_LOOP || inputs.size() != 2) {
        continue;
      }
      PlanNode inner = inputs.get(1);
      double loops = inner.actual() != null ? inner.loops() : inputs.get(0).estimate().rows();
      PlanNode innerScan = firstScan(inner);
      if (loops < context.settings().nestedLoopMinLoops() || innerScan == null || innerScan.kind().isIndexLookup()) {
        continue;
      }
      findings.add(new PlanFinding(node, finding(context, node, inner, innerScan, loops)));
    }
    return findings;
  }

  /** The scan the inner side reads, looking through materialize/memoize/hash; null when it is not a scan. */
  private static PlanNode firstScan(PlanNode inner) {
    PlanNode current = inner;
    while (!current.kind().isScan()) {
      if (current.inputs().size() != 1 || current.kind().isJoin()) {
        return null;
      }
      current = current.inputs().get(0);
    }
    return current;
  }

  private static io.querydoctor.core.finding.Finding finding(PlanContext context, PlanNode loop, PlanNode inner,
      PlanNode innerScan, double loops) {
    String table = innerScan.relation() != null ? innerScan.relation() : innerScan.label();
    String joinColumn = joinColumn(loop, innerScan);
    // Rows the inner side produced over all loops: what the join compared, whether re-scanned or re-walked.
    double innerRowsRead = inner.actual() == null ? inner.estimate().rows() * loops
        : inner.actual().totalRows() + inner.totalRowsRemovedByFilter();
    Fix fix = joinColumn != null && innerScan.relation() != null
        ? Fix.sql("Index the inner table's join column so each outer row is one lookup (or, if the outer "
            + "side is larger than estimated, fix that estimate so the planner picks a hash join).",
            new IndexDefinition(innerScan.relation(), List.of(joinColumn), List.of(), List.of(), List.of()).ddl())
        : Fix.action("Index the inner side's join column(s) of " + table + " so each outer row is one lookup, "
            + "or fix the outer row estimate so the planner can choose a hash join.");
    return NodeFindings.start(context, ID, loop, context.plan().time(loop).inclusiveMillis(),
            "The inner side (" + innerScan.label() + ") runs once per outer row and is not an index lookup: "
                + Quantities.number(Math.round(innerRowsRead)) + " inner rows produced in total.")
        .title("Nested loop re-reads " + table + " " + Quantities.number(Math.round(loops)) + " times")
        .subject(innerScan.relation() != null ? Subject.table(innerScan.relation()) : context.querySubject())
        .evidence(Evidence.crossed("inner_loops", loops, "count", context.settings().nestedLoopMinLoops()))
        .evidence(Evidence.of("inner_rows_read", innerRowsRead, "rows"))
        .fix(fix)
        .build();
  }

  /** The inner table's column in the join filter (or the inner scan's filter), e.g. {@code customer_id}. */
  private static String joinColumn(PlanNode loop, PlanNode innerScan) {
    List<Comparison> comparisons = new ArrayList<>(Predicates.parse(loop.conditions().joinFilter()));
    comparisons.addAll(Predicates.parse(innerScan.conditions().filter()));
    String alias = innerScan.alias();
    for (Comparison c : comparisons) {
      if (!c.isEquality() || c.comparesWithValue()) {
        continue;
      }
      if (alias != null && c.left().startsWith(alias + ".")) {
        return c.column();
      }
      String right = c.right().strip();
      if (alias != null && right.startsWith(alias + ".")) {
        return Predicates.unqualified(right.replaceAll("[()]", ""));
      }
      if (!c.left().contains(".")) {
        return c.column();
      }
    }
    return null;
  }
}
