package io.querydoctor.core.plan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.plan.Actual;
import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.Estimate;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import org.junit.jupiter.api.Test;

/** Regression: a small table re-scanned by a nested loop is not a "large table" (that is nested-loop-large). */
class SeqScanLargeTableRuleTest {

  private static PlanNode scan(String table, double rows, double removed, long loops, boolean parallel) {
    return PlanNode.builder("Seq Scan", NodeKind.SEQ_SCAN).relation(table, table).parallelAware(parallel)
        .estimate(new Estimate(0, 10, rows, 8)).actual(new Actual(0, 0.01, rows, loops))
        .conditions(new Conditions("(code = 'x'::text)", null, null, null, null, null))
        .rowsRemoved(removed, 0, 0).build();
  }

  private static int findings(PlanNode scan) {
    PlanNode root = PlanNode.builder("Gather", NodeKind.GATHER).workers(2, 2)
        .actual(new Actual(0, 50, 1, 1)).child(scan).build();
    return new SeqScanLargeTableRule().check(PlanContext.of(new Plan(root, null, null))).size();
  }

  @Test
  void aSmallTableScannedManyTimesIsNotALargeTable() {
    assertThat(findings(scan("regions", 1, 49, 5_000, false))).isZero();
  }

  @Test
  void aParallelScanSharesTheTableBetweenItsLoops() {
    assertThat(findings(scan("orders", 10, 4_990, 3, true))).isEqualTo(1);
  }
}
