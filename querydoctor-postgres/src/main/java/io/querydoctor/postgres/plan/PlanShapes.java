package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether two plans of one statement differ in what they do (node types and the relations and indexes they
 * read), not in their numbers: a custom plan for real values against the generic plan the server caches after
 * five executions of a prepared statement; or one statement's plan now against an hour ago ({@code querydoctor
 * monitor}'s plan fingerprints).
 */
public final class PlanShapes {

  private PlanShapes() {}

  /** A short description of how {@code custom} differs from {@code generic}, or null when they are alike. */
  static String difference(Plan generic, Plan custom) {
    return difference(shape(generic), shape(custom), "generic", "with real values");
  }

  /**
   * A short description of how shape {@code b} differs from shape {@code a} (each from {@link #shape}), naming
   * them with the labels, or null when they are alike.
   */
  public static String difference(List<String> a, List<String> b, String labelA, String labelB) {
    if (a.equals(b)) {
      return null;
    }
    return labelA + ": " + String.join(" > ", a) + "; " + labelB + ": " + String.join(" > ", b);
  }

  /** The nodes in order, each as its type, relation and index: what a plan does, without its numbers. */
  public static List<String> shape(Plan plan) {
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
