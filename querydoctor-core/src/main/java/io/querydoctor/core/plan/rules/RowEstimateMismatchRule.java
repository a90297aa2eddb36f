package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code row-estimate-mismatch}: the planner expected far more or fewer rows than came out of a scan, aggregate
 * or join whose row count chose a join method or order. A misestimate propagates upwards, so only its source
 * is reported: a join is skipped when one of its inputs was already reported. Fewer rows than expected from a
 * node that may have been stopped early (LIMIT, semi join, empty other side) is not a misestimate. Needs
 * ANALYZE.
 */
public final class RowEstimateMismatchRule implements PlanRule {

  public static final String ID = "row-estimate-mismatch";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    Plan plan = context.plan();
    Set<PlanNode> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    List<PlanFinding> findings = new ArrayList<>();
    List<PlanNode> bottomUp = new ArrayList<>(plan.nodes());
    Collections.reverse(bottomUp);
    for (PlanNode node : bottomUp) {
      if (!candidate(plan, node) || hasReportedBelow(node, reported)) {
        continue;
      }
      double estimated = node.estimate().rows();
      double actual = node.actual().rows();
      if (actual < estimated && mayStopEarly(plan, node)) {
        continue;
      }
      double factor = Math.max(estimated, actual) / Math.max(1, Math.min(estimated, actual));
      if (factor >= context.settings().estimateMismatchFactor()
          && Math.max(estimated, actual) >= context.settings().estimateMismatchMinRows()) {
        reported.add(node);
        findings.add(new PlanFinding(node, finding(context, node, estimated, actual, factor)));
      }
    }
    Collections.reverse(findings);
    return findings;
  }

  private static boolean candidate(Plan plan, PlanNode node) {
    if (node.actual() == null || node.actual().neverExecuted()) {
      return false;
    }
    boolean producesJoinInput = node.kind().isScan() || node.kind() == NodeKind.AGGREGATE;
    return node.kind().isJoin() || (producesJoinInput && feedsJoin(plan, node));
  }

  /**
   * True when the node may have been stopped before returning all its rows, so that fewer rows than
   * estimated is no misestimate: under a LIMIT that was reached, beside a join input that returned nothing, under a merge
   * join (it stops when one side ends), or on the inner side of a semi or anti join (it stops at the first
   * match).
   */
  private static boolean mayStopEarly(Plan plan, PlanNode node) {
    PlanNode child = node;
    for (PlanNode p = plan.parent(node); p != null; child = p, p = plan.parent(p)) {
      if (p.kind() == NodeKind.MERGE_JOIN || p.kind() == NodeKind.LIMIT && limitReached(p)) {
        return true;
      }
      if (p.kind().isJoin()) {
        List<PlanNode> inputs = p.inputs();
        boolean inner = inputs.size() == 2 && inputs.get(1) == child;
        if (inner && ("Semi".equals(p.joinType()) || "Anti".equals(p.joinType()))) {
          return true;
        }
        for (PlanNode sibling : inputs) {
          if (sibling != child && sibling.actual() != null && sibling.actual().totalRows() == 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** True when the node's rows reach a join through at most hashing, sorting, materializing or gathering. */
  private static boolean feedsJoin(Plan plan, PlanNode node) {
    for (PlanNode p = plan.parent(node); p != null; p = plan.parent(p)) {
      if (p.kind().isJoin()) {
        return true;
      }
      if (!(p.kind() == NodeKind.HASH || p.kind() == NodeKind.SORT || p.kind() == NodeKind.MATERIALIZE
          || p.kind() == NodeKind.MEMOIZE || p.kind() == NodeKind.GATHER || p.kind() == NodeKind.BITMAP_HEAP_SCAN)) {
        return false;
      }
    }
    return false;
  }

  /** A LIMIT that returned as many rows as it allows stopped its input; one that returned fewer did not. */
  private static boolean limitReached(PlanNode limit) {
    return limit.actual() == null || limit.actual().rows() >= limit.estimate().rows();
  }

  private static boolean hasReportedBelow(PlanNode node, Set<PlanNode> reported) {
    List<PlanNode> stack = new ArrayList<>(node.children());
    while (!stack.isEmpty()) {
      PlanNode n = stack.remove(stack.size() - 1);
      if (reported.contains(n)) {
        return true;
      }
      stack.addAll(n.children());
    }
    return false;
  }

  private static Finding finding(PlanContext context, PlanNode node, double estimated, double actual, double factor) {
    Plan plan = context.plan();
    Set<String> tables = tablesBelow(node);
    PlanNode parent = plan.parent(node);
    double millis = parent != null && parent.kind().isJoin()
        ? plan.time(parent).inclusiveMillis() : plan.time(node).inclusiveMillis();
    String direction = actual > estimated ? "under" : "over";
    return NodeFindings.start(context, ID, node, millis, "The planner " + direction + "estimated the rows by "
            + Quantities.number(Math.round(factor)) + "×; join methods and orders are chosen from these numbers, "
            + "so the plan around this node was chosen for a different query.")
        .title("Planner expected " + Quantities.number(Math.round(estimated)) + " rows, got "
            + Quantities.number(Math.round(actual)) + " at " + node.label())
        .subject(tables.size() == 1 ? Subject.table(tables.iterator().next()) : context.querySubject())
        .concerns(tables.stream().map(Subject::table).toList())
        .evidence(Evidence.of("estimated_rows", estimated, "rows"))
        .evidence(Evidence.of("actual_rows", actual, "rows"))
        .evidence(Evidence.crossed("misestimate_factor", NodeFindings.round(factor), "count",
            context.settings().estimateMismatchFactor()))
        .fix(fix(node, tables))
        .build();
  }

  private static Fix fix(PlanNode node, Set<String> tables) {
    StringBuilder sql = new StringBuilder();
    for (String table : tables) {
      sql.append("ANALYZE ").append(table).append(";\n");
    }
    List<String> columns = new ArrayList<>();
    Predicates.parse(node.conditions().filter()).forEach(c -> columns.add(c.column()));
    Predicates.parse(node.conditions().indexCond()).forEach(c -> columns.add(c.column()));
    List<String> distinct = List.copyOf(new LinkedHashSet<>(columns));
    String summary = "Refresh the statistics of " + String.join(", ", tables) + ".";
    if (node.relation() != null && distinct.size() >= 2) {
      sql.append("-- if the estimate stays off, the filtered columns are correlated:\n")
          .append("CREATE STATISTICS ON ").append(String.join(", ", distinct)).append(" FROM ")
          .append(node.relation()).append(";\nANALYZE ").append(node.relation()).append(";");
      summary += " If it stays wrong, create extended statistics on the correlated columns.";
    } else if (node.relation() != null && distinct.size() == 1) {
      sql.append("-- if the estimate stays off, sample the column more finely:\n")
          .append("ALTER TABLE ").append(node.relation()).append(" ALTER COLUMN ").append(distinct.get(0))
          .append(" SET STATISTICS 1000;\nANALYZE ").append(node.relation()).append(";");
      summary += " If it stays wrong, raise the column's statistics target.";
    }
    return Fix.sql(summary, sql.toString().strip());
  }

  private static Set<String> tablesBelow(PlanNode node) {
    Set<String> tables = new LinkedHashSet<>();
    List<PlanNode> stack = new ArrayList<>(List.of(node));
    while (!stack.isEmpty()) {
      PlanNode n = stack.remove(stack.size() - 1);
      if (n.relation() != null && n.kind().isScan()) {
        tables.add(n.relation());
      }
      List<PlanNode> children = new ArrayList<>(n.inputs());
      Collections.reverse(children);
      stack.addAll(children);
    }
    return tables;
  }
}
