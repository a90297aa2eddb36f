package io.querydoctor.core.plan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.plan.Actual;
import io.querydoctor.core.plan.Estimate;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import org.junit.jupiter.api.Test;

class RowEstimateMismatchRuleTest {

  private static PlanNode scan(String table, double estimated, double actual) {
    return PlanNode.builder("Seq Scan", NodeKind.SEQ_SCAN).relation(table, table)
        .estimate(new Estimate(0, 10, estimated, 8)).actual(new Actual(0, 1, actual, 1)).build();
  }

  private static PlanNode hashJoin(PlanNode outer, PlanNode inner) {
    PlanNode hash = PlanNode.builder("Hash", NodeKind.HASH).actual(new Actual(0, 1, inner.actual().rows(), 1))
        .child(inner).build();
    return PlanNode.builder("Hash Join", NodeKind.HASH_JOIN).joinType("Inner")
        .estimate(new Estimate(0, 10, 10, 8)).actual(new Actual(0, 2, 10, 1)).child(outer).child(hash).build();
  }

  private static int findings(PlanNode root) {
    return new RowEstimateMismatchRule().check(PlanContext.of(new Plan(root, null, null))).size();
  }

  @Test
  void anUnderestimatedJoinInputFires() {
    assertThat(findings(hashJoin(scan("orders", 10, 20_000), scan("customers", 10, 10)))).isEqualTo(1);
  }

  /** Regression (TPC-H q17): the outer scan stops after one row when the hash side is empty. */
  @Test
  void fewerRowsBecauseTheOtherSideWasEmptyIsNoMisestimate() {
    assertThat(findings(hashJoin(scan("lineitem", 60_000, 1), scan("part", 2, 0)))).isZero();
  }

  @Test
  void fewerRowsUnderALimitIsNoMisestimate() {
    PlanNode join = hashJoin(scan("orders", 60_000, 100), scan("customers", 10, 10));
    PlanNode limit = PlanNode.builder("Limit", NodeKind.LIMIT).actual(new Actual(0, 2, 10, 1)).child(join).build();

    assertThat(findings(limit)).isZero();
  }
}
