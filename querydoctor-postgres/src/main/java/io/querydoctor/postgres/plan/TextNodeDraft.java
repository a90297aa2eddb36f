package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Buffers;
import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.HashInfo;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.SortInfo;
import java.util.ArrayList;
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
  final List<TextNodeDraft> children = new ArrayList<>();
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
   * Builds this node and its children. {@code buffersShown}: the text format omits all-zero buffer lines, so a
   * node without one in a plan that shows buffers had none (the JSON format says 0 for each).
   */
  PlanNode build(boolean buffersShown) {
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
    int input = 0;
    for (TextNodeDraft child : children) {
      if (child.relationship == null) {
        child.relationship = inputRelationship(input++);
      }
      builder.child(child.build(buffersShown));
    }
    return builder.build();
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
