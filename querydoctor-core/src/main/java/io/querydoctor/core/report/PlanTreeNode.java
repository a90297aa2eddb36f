package io.querydoctor.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.plan.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One node of a {@link QueryPlan}.
 *
 * @param id the node's number in the plan, root = 1, depth first
 * @param label what it does, e.g. {@code Seq Scan on public.users u}
 * @param conditions its filter, index condition, join condition…, each as {@code "Filter: (…)"}
 * @param estimatedRows the planner's row estimate per loop, or {@code null}
 * @param totalCost the planner's total cost, or {@code null}
 * @param actualRows rows per loop when the plan was analyzed, else {@code null}
 * @param actualMillis time including children when analyzed, else {@code null}
 * @param loops how often the node ran when analyzed, else {@code null}
 * @param findings the findings that point at this node
 * @param children its input nodes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanTreeNode(
    int id,
    String label,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> conditions,
    Double estimatedRows,
    Double totalCost,
    Double actualRows,
    Double actualMillis,
    Long loops,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NodeFinding> findings,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PlanTreeNode> children) {

  /**
   * A finding at a node, by reference to the report's finding.
   *
   * @param ruleId its rule
   * @param severity its severity
   * @param key {@code rule:subject}, as in the report's findings (or their supporting findings)
   * @param title its title
   */
  public record NodeFinding(String ruleId, Severity severity, String key, String title) {}

  public PlanTreeNode {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    findings = findings == null ? List.of() : List.copyOf(findings);
    children = children == null ? List.of() : List.copyOf(children);
  }

  /** This node and its subtree with {@code sql} applied to the conditions and {@code prose} to finding titles. */
  PlanTreeNode mapText(UnaryOperator<String> sql, UnaryOperator<String> prose) {
    return new PlanTreeNode(id, label, conditions.stream().map(sql).toList(), estimatedRows, totalCost, actualRows,
        actualMillis, loops,
        findings.stream().map(f -> new NodeFinding(f.ruleId(), f.severity(), f.key(), prose.apply(f.title()))).toList(),
        children.stream().map(c -> c.mapText(sql, prose)).toList());
  }

  /** Every node of the subtree, this one first (depth first). */
  public List<PlanTreeNode> nodes() {
    List<PlanTreeNode> all = new ArrayList<>();
    all.add(this);
    children.forEach(c -> all.addAll(c.nodes()));
    return all;
  }

  static List<String> conditions(Conditions c) {
    List<String> list = new ArrayList<>();
    if (c == null) {
      return list;
    }
    add(list, "Index Cond", c.indexCond());
    add(list, "Recheck Cond", c.recheckCond());
    add(list, "Filter", c.filter());
    add(list, "Join Filter", c.joinFilter());
    add(list, "Hash Cond", c.hashCond());
    add(list, "Merge Cond", c.mergeCond());
    return list;
  }

  private static void add(List<String> list, String name, String condition) {
    if (condition != null && !condition.isBlank()) {
      list.add(name + ": " + condition);
    }
  }
}
