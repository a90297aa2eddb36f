package io.querydoctor.core.plan;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.plan.rules.PlanFinding;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan and what the rules found in it.
 *
 * @param plan the plan
 * @param findings findings with the nodes they belong to, in plan order
 */
public record PlanAnalysis(Plan plan, List<PlanFinding> findings) {

  public PlanAnalysis {
    findings = List.copyOf(findings);
  }

  /** The findings alone, for a report. */
  public List<Finding> reportFindings() {
    return findings.stream().map(PlanFinding::finding).toList();
  }

  /** The findings attached to {@code node}. */
  public List<Finding> findingsAt(PlanNode node) {
    return findings.stream().filter(f -> f.node() == node).map(PlanFinding::finding).toList();
  }

  /** Findings per node, for presenting a whole tree without a scan of the findings per node. */
  public Map<PlanNode, List<Finding>> findingsByNode() {
    Map<PlanNode, List<Finding>> byNode = new IdentityHashMap<>();
    for (PlanFinding f : findings) {
      byNode.computeIfAbsent(f.node(), n -> new ArrayList<>()).add(f.finding());
    }
    return byNode;
  }
}
