package io.querydoctor.monitor.dashboard;

import io.querydoctor.core.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plans as trees for the page: a stored shape (nodes in plan order), or a plan just explained (nested). */
final class PlanShapeTree {

  private PlanShapeTree() {}

  /** A stored shape under a heading node; the shape keeps the nodes' order, not their nesting. */
  static List<Page.TreeNode> of(String shape, String heading) {
    List<Page.TreeNode> nodes = new ArrayList<>();
    for (String line : shape.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(new Page.TreeNode(Shown.sql(line), null, List.of()));
      }
    }
    return List.of(new Page.TreeNode(heading, null, nodes));
  }

  /** A plan node with its children; the note gives the planner's estimate. */
  static Page.TreeNode of(PlanNode node) {
    List<Page.TreeNode> children = new ArrayList<>();
    for (PlanNode child : node.children()) {
      children.add(of(child));
    }
    String note = node.estimate() == null ? null : String.format(Locale.ROOT, "cost %.2f, %.0f rows estimated",
        node.estimate().totalCost(), node.estimate().rows());
    return new Page.TreeNode(Shown.sql(node.label()), note, children);
  }
}
