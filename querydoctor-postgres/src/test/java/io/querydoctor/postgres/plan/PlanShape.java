package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Actual;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What two readings of one plan must agree on, one line per node in tree order: everything the model holds except
 * timings and buffer counts (which differ between two executions of a statement). {@code withActualRows} false
 * leaves out actual rows and loops too, for parallel plans whose per-worker split varies from run to run.
 */
final class PlanShape {

  private PlanShape() {}

  static List<String> of(Plan plan, boolean withActualRows) {
    List<String> lines = new ArrayList<>();
    for (PlanNode n : plan.nodes()) {
      lines.add("#" + plan.id(n) + " " + n.nodeType() + " kind=" + n.kind() + " rel=" + n.relation() + " alias="
          + n.alias() + " index=" + n.index() + " join=" + n.joinType() + " strategy=" + n.strategy() + " op="
          + n.operation() + " parent=" + n.parentRelationship() + " subplan=" + n.subplanName() + " cte="
          + n.cteName() + " parallel=" + n.parallelAware() + " est=" + n.estimate()
          + " actual=" + actual(n.actual(), withActualRows) + " buffers=" + (n.buffers() != null)
          + " cond=" + n.conditions() + (withActualRows ? removed(n) : "")
          + " sort=" + n.sort() + " hash=" + (withActualRows ? n.hash() : null) + " group=" + n.groupKeys()
          + " workersPlanned=" + n.workersPlanned());
    }
    return lines;
  }

  private static String removed(PlanNode n) {
    return String.format(Locale.ROOT, " removed=%.0f/%.0f/%.0f heapFetches=%.0f heapBlocks=%d/%d",
        n.rowsRemovedByFilter(), n.rowsRemovedByJoinFilter(), n.rowsRemovedByIndexRecheck(), n.heapFetches(),
        n.exactHeapBlocks(), n.lossyHeapBlocks());
  }

  private static String actual(Actual actual, boolean withRows) {
    if (actual == null) {
      return "none";
    }
    return withRows ? "rows=" + actual.rows() + " loops=" + actual.loops() : "analyzed";
  }
}
