package io.querydoctor.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanAnalysis;
import io.querydoctor.core.plan.PlanNode;
import java.util.List;
import java.util.Map;

/**
 * The plan of one query shape as a report shows it: a tree of nodes with their key numbers and the findings
 * that point at each node. Filled by analyzers that explain statements (through
 * {@link io.querydoctor.core.diagnosis.DiagnosisResults#addPlan}).
 *
 * @param fingerprint the query's fingerprint id; findings about the query concern it
 * @param query the statement that was explained (redacted with the rest of the report)
 * @param analyzed true for EXPLAIN ANALYZE (actual rows and times), false for estimates only
 * @param root the top node
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueryPlan(String fingerprint, String query, boolean analyzed, PlanTreeNode root) {

  /**
   * Deepest plan a report carries as a tree. Real plans stay far below it (TPC-H's deepest is under 20); a tree
   * deeper would overflow the stack of the renderers and the JSON writer, which walk it recursively.
   */
  public static final int MAX_DEPTH = 200;

  /** True when {@code plan} is too deep for a report's tree ({@link #MAX_DEPTH}); the terminal tree still shows it. */
  public static boolean tooDeep(Plan plan) {
    return plan.depth() > MAX_DEPTH;
  }

  /** The report form of an analysed plan, with each of the analysis's findings attached to its node. */
  public static QueryPlan of(String fingerprint, String query, PlanAnalysis analysis) {
    Plan plan = analysis.plan();
    return new QueryPlan(fingerprint, query, plan.isAnalyzed(), node(plan, plan.root(), analysis.findingsByNode()));
  }

  private static PlanTreeNode node(Plan plan, PlanNode node, Map<PlanNode, List<Finding>> findings) {
    List<PlanTreeNode.NodeFinding> here = findings.getOrDefault(node, List.of()).stream()
        .map(f -> new PlanTreeNode.NodeFinding(f.ruleId(), f.severity(), f.key(), f.title())).toList();
    Double actualRows = plan.isAnalyzed() && node.actual() != null ? node.actual().rows() : null;
    Double actualMillis = plan.isAnalyzed() && node.actual() != null ? plan.time(node).inclusiveMillis() : null;
    Long loops = plan.isAnalyzed() && node.actual() != null ? node.actual().loops() : null;
    return new PlanTreeNode(plan.id(node), node.label(), PlanTreeNode.conditions(node.conditions()),
        node.estimate() == null ? null : node.estimate().rows(),
        node.estimate() == null ? null : node.estimate().totalCost(), actualRows, actualMillis, loops, here,
        node.children().stream().map(child -> node(plan, child, findings)).toList());
  }
}
