package io.querydoctor.core.plan;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.report.Quantities;
import java.util.List;
import java.util.Locale;

/**
 * Prints a plan as an indented tree, one line per node with its self time and share, rows estimated vs
 * actual and loops, and the findings attached under the node they are about:
 *
 * <pre>
 * #1 Limit  self 0.01 ms (0.0 %)  rows est 10 / actual 10
 *   #2 Sort  self 12 ms (40.1 %)  rows est 10 / actual 10  top-N heapsort 25 kB
 *     ! [MEDIUM] top-n-full-sort: LIMIT sorts 100,000 rows to return 10
 * </pre>
 *
 * Only presents; every number comes from {@link Plan} and the findings. Indentation stops growing at
 * {@value #MAX_INDENT_DEPTH} levels, where each line says its depth instead ({@code #4012 (depth 4011) Limit}):
 * a plan thousands of levels deep would otherwise print in quadratic size (10 000 levels: 100 MB of spaces).
 */
public final class PlanTreeRenderer {

  /** Levels shown by indentation; deeper ones print their depth. Beyond a screen's width anyway. */
  static final int MAX_INDENT_DEPTH = 32;

  public String render(PlanAnalysis analysis) {
    Plan plan = analysis.plan();
    StringBuilder out = new StringBuilder();
    java.util.Map<PlanNode, Integer> depths = new java.util.IdentityHashMap<>();
    java.util.Map<PlanNode, List<Finding>> findings = analysis.findingsByNode();
    for (PlanNode node : plan.nodes()) {
      PlanNode parent = plan.parent(node);
      int depth = parent == null ? 0 : depths.get(parent) + 1;
      depths.put(node, depth);
      String indent = "  ".repeat(Math.min(depth, MAX_INDENT_DEPTH));
      out.append(indent).append('#').append(plan.id(node)).append(' ');
      if (depth > MAX_INDENT_DEPTH) {
        out.append("(depth ").append(depth).append(") ");
      }
      out.append(node.label());
      appendNumbers(out, plan, node);
      out.append('\n');
      appendConditions(out, indent, node);
      for (Finding f : findings.getOrDefault(node, List.of())) {
        out.append(indent).append("    ! [").append(f.severity().label().toUpperCase(Locale.ROOT)).append("] ")
            .append(f.ruleId()).append(": ").append(f.title()).append('\n');
      }
    }
    out.append(summary(plan));
    return out.toString();
  }

  private static void appendNumbers(StringBuilder out, Plan plan, PlanNode node) {
    NodeTime time = plan.time(node);
    if (node.actual() != null) {
      if (node.actual().neverExecuted()) {
        out.append("  (never executed)");
        return;
      }
      out.append("  self ").append(Quantities.millis(time.selfMillis())).append(" (")
          .append(Quantities.format(time.share(), "ratio")).append(')');
      out.append("  rows est ").append(Quantities.number(Math.round(node.estimate().rows())))
          .append(" / actual ").append(Quantities.number(Math.round(node.actual().rows())));
      if (node.loops() > 1) {
        out.append(" × ").append(Quantities.number(node.loops())).append(" loops");
      }
    } else {
      out.append("  cost ").append(Quantities.number(node.estimate().totalCost())).append(" (")
          .append(Quantities.format(time.share(), "ratio")).append(" own)  rows est ")
          .append(Quantities.number(Math.round(node.estimate().rows())));
    }
    if (node.sort() != null && node.sort().method() != null) {
      out.append("  ").append(node.sort().method()).append(' ')
          .append(Quantities.bytes(node.sort().spaceKb() * 1024.0));
    }
    if (node.hash() != null && node.hash().batches() > 1) {
      out.append("  batches ").append(node.hash().batches());
    }
  }

  private static void appendConditions(StringBuilder out, String indent, PlanNode node) {
    Conditions c = node.conditions();
    line(out, indent, "Index Cond", c.indexCond());
    line(out, indent, "Hash Cond", c.hashCond());
    line(out, indent, "Join Filter", c.joinFilter());
    if (c.filter() != null) {
      String removed = node.rowsRemovedByFilter() > 0
          ? " (removed " + Quantities.number(Math.round(node.totalRowsRemovedByFilter())) + " rows)" : "";
      line(out, indent, "Filter", c.filter() + removed);
    }
  }

  private static void line(StringBuilder out, String indent, String name, String value) {
    if (value != null) {
      out.append(indent).append("    ").append(name).append(": ").append(value).append('\n');
    }
  }

  private static String summary(Plan plan) {
    StringBuilder s = new StringBuilder();
    if (plan.isAnalyzed()) {
      s.append("Plan time ").append(Quantities.millis(plan.treeMillis()));
      if (plan.executionMillis() != null) {
        s.append(", execution ").append(Quantities.millis(plan.executionMillis()));
      }
    } else {
      s.append("Estimated cost ").append(Quantities.number(plan.root().estimate().totalCost()))
          .append(" (not run: no times)");
    }
    if (plan.planningMillis() != null) {
      s.append(", planning ").append(Quantities.millis(plan.planningMillis()));
    }
    return s.append('\n').toString();
  }
}
