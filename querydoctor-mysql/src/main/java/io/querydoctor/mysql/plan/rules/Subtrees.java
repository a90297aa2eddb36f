package io.querydoctor.mysql.plan.rules;

import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.mysql.plan.MysqlPlan;
import io.querydoctor.mysql.plan.TableAccessFacts;

/** Walks below a node to the one table it reads, for fixes that index a single table. */
final class Subtrees {

  private Subtrees() {}

  /** The only table access under {@code node} without crossing a join, or null. */
  static PlanNode singleTable(MysqlPlan mysql, PlanNode node) {
    PlanNode current = node;
    while (true) {
      if (mysql.facts(current) != null) {
        return current;
      }
      if (current.inputs().size() != 1 || current.kind().isJoin()) {
        return null;
      }
      current = current.inputs().get(0);
    }
  }

  /** Rows a node's input delivers: measured over all loops when run, else estimated. */
  static double inputRows(PlanNode node) {
    double rows = 0;
    for (PlanNode input : node.inputs()) {
      rows += input.actual() != null ? input.actual().totalRows() : input.estimate().rows();
    }
    return rows;
  }

  static TableAccessFacts factsOf(MysqlPlan mysql, PlanNode node) {
    return node == null ? null : mysql.facts(node);
  }
}
