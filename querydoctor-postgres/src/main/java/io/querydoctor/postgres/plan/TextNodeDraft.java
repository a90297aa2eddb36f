package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Buffers;
import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.HashInfo;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.SortInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A node of a text plan while its detail lines are still being read: the text format spreads over several lines
 * what the model holds in one immutable value (the conditions, a sort's keys and method), so they are collected
 * here and put into the builder when the tree is complete.
 */
final class TextNodeDraft {

  final PlanNode.Builder builder;
  /** Column where the node's name starts; detail lines and children sit to the right of it. */
  final int column;
  private final List<TextNodeDraft> children = new ArrayList<>();
  private int inputs;
  String relationship;
  Buffers buffers;
  String filter;
  String indexCond;
  String recheckCond;
  String joinFilter;
  String hashCond;
  String mergeCond;
  List<String> sortKeys;
  List<String> presortedKeys = List.of();
  final List<String> sortMethods = new ArrayList<>();
  String sortSpaceType;
  long sortSpaceKb;
  HashInfo hash;
  PlanNode built;
  double removedByFilter;
  double removedByJoinFilter;
  double removedByIndexRecheck;
  Integer workersPlanned;
  Integer workersLaunched;

  TextNodeDraft(PlanNode.Builder builder, int column) {
    this.builder = builder;
    this.column = column;
  }

  NodeKind kind() {
    return builder.kind();
  }

  /**
   * Adds {@code child}; a row input (not an init plan or sub plan, which carry their label's relationship) gets
   * the relationship the JSON format gives it by position.
   */
  void add(TextNodeDraft child) {
    if (child.relationship == null) {
      child.relationship = inputRelationship(inputs++);
    }
    children.add(child);
  }

  /**
   * Builds the tree under {@code root}, children before parents and without recursion, so plan depth never
   * overflows the stack. {@code buffersShown}: the text format omits all-zero buffer lines, so a node without one
   * in a plan that shows buffers had none (the JSON format says 0 for each).
   */
  static PlanNode buildTree(TextNodeDraft root, boolean buffersShown) {
    List<TextNodeDraft> preorder = new ArrayList<>();
    Deque<TextNodeDraft> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      TextNodeDraft node = pending.pop();
      preorder.add(node);
      node.children.forEach(pending::push);
    }
    for (int i = preorder.size() - 1; i >= 0; i--) {
      preorder.get(i).finish(buffersShown);
    }
    return root.built;
  }

  private void finish(boolean buffersShown) {
    builder.conditions(new Conditions(filter, indexCond, recheckCond, joinFilter, hashCond, mergeCond))
        .buffers(buffers == null && buffersShown ? Buffers.NONE : buffers)
        .hash(hash)
        .rowsRemoved(removedByFilter, removedByJoinFilter, removedByIndexRecheck)
        .workers(workersPlanned, workersLaunched)
        .parentRelationship(relationship);
    if (kind() == NodeKind.SORT || kind() == NodeKind.INCREMENTAL_SORT) {
      builder.sort(new SortInfo(sortKeys == null ? List.of() : sortKeys, presortedKeys,
          sortMethods.isEmpty() ? null : String.join(", ", sortMethods), sortSpaceType, sortSpaceKb));
    }
    for (TextNodeDraft child : children) {
      builder.child(child.built);
    }
    built = builder.build();
  }

  /** What the JSON format calls a row input's relationship to its parent. */
  private String inputRelationship(int position) {
    if (kind() == NodeKind.APPEND && !"Recursive Union".equals(builder.nodeType())) {
      return "Member";
    }
    if ("Subquery Scan".equals(builder.nodeType())) {
      return "Subquery";
    }
    return position == 0 ? "Outer" : "Inner";
  }
}
