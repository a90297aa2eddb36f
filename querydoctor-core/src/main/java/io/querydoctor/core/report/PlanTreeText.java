package io.querydoctor.core.report;

import java.util.ArrayList;
import java.util.List;

/** A plan tree as indented plain-text lines, for the text and Markdown reports (HTML draws its own). */
final class PlanTreeText {

  private PlanTreeText() {}

  static List<String> lines(QueryPlan plan) {
    List<String> lines = new ArrayList<>();
    append(lines, plan.root(), 0);
    return lines;
  }

  private static void append(List<String> lines, PlanTreeNode node, int depth) {
    String indent = "  ".repeat(depth);
    String numbers = HtmlPlanTrees.numbers(node);
    lines.add(indent + "#" + node.id() + " " + node.label() + (numbers.isEmpty() ? "" : "  (" + numbers + ")"));
    for (String condition : node.conditions()) {
      lines.add(indent + "     " + condition);
    }
    for (PlanTreeNode.NodeFinding f : node.findings()) {
      lines.add(indent + "   ! " + f.ruleId() + " [" + f.severity().label() + "]: " + f.title());
    }
    for (PlanTreeNode child : node.children()) {
      append(lines, child, depth + 1);
    }
  }
}
