package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether two plans of one statement differ in what they do (node types and the relations and indexes they
 * read), not in their numbers: a custom plan for real values against the generic plan the server caches after
 * five executions of a prepared statement.
 */
final class PlanShapes {

  private PlanShapes() {}

  /** A short description of how {@code custom} differs from {@code generic}, or null when they are alike. */
  static String difference(Plan generic, Plan custom) {
    List<String> a = shape(generic);
    List<String> b = shape(custom);
    if (a.equals(b)) {
      return null;
    }
    return "generic: " + String.join(" > ", a) + "; with real values: " + String.join(" > ", b);
  }

  /** The nodes in order, each as its type, relation and index. */
  static List<String> shape(Plan plan) {
    List<String> nodes = new ArrayList<>();
    for (PlanNode node : plan.nodes()) {
      StringBuilder text = new StringBuilder(node.nodeType());
      if (node.index() != null) {
        text.append(" using ").append(node.index());
      }
      if (node.relation() != null) {
        text.append(" on ").append(node.relation());
      }
      nodes.add(text.toString());
    }
    return nodes;
  }
}
