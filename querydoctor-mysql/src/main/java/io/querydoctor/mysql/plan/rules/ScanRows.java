package io.querydoctor.mysql.plan.rules;

import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.mysql.plan.TableAccessFacts;

/**
 * Rows a table access read and kept per scan: measured when the plan was run (rows returned + rows removed by the
 * attached condition), else the optimizer's rows examined and filtered share.
 *
 * @param read rows read per scan
 * @param kept rows that passed the attached condition per scan
 * @param loops scans
 * @param measured whether the numbers were measured
 */
record ScanRows(double read, double kept, double loops, boolean measured) {

  static ScanRows of(PlanNode node, TableAccessFacts facts) {
    if (node.actual() != null && node.actual().loops() > 0) {
      double kept = node.actual().rows();
      return new ScanRows(kept + node.rowsRemovedByFilter(), kept, node.actual().loops(), true);
    }
    return new ScanRows(facts.rowsExaminedPerScan(), facts.rowsExaminedPerScan() * facts.filteredPercent() / 100, 1,
        false);
  }

  double keptRatio() {
    return read <= 0 ? 1 : Math.min(1, kept / read);
  }
}
