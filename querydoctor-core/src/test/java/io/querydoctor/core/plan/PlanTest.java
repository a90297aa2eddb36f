package io.querydoctor.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PlanTest {

  private static PlanNode.Builder node(String type, NodeKind kind, double totalMillis, long loops) {
    return PlanNode.builder(type, kind)
        .estimate(new Estimate(0, 100, 10, 8))
        .actual(new Actual(0, totalMillis, 10, loops));
  }

  @Test
  void selfTimeSubtractsChildrenAndMultipliesByLoops() {
    PlanNode inner = node("Index Scan", NodeKind.INDEX_SCAN, 0.01, 1000).build();
    PlanNode outer = node("Seq Scan", NodeKind.SEQ_SCAN, 2, 1).build();
    PlanNode loop = node("Nested Loop", NodeKind.NESTED_LOOP, 15, 1).child(outer).child(inner).build();
    Plan plan = new Plan(loop, 0.1, 15.2);

    assertThat(plan.time(inner).inclusiveMillis()).isCloseTo(10, within(1e-9));
    assertThat(plan.time(loop).selfMillis()).isCloseTo(3, within(1e-9));
    assertThat(plan.time(inner).share()).isCloseTo(10 / 15.0, within(1e-9));
    assertThat(plan.treeMillis()).isEqualTo(15);
  }

  @Test
  void parallelWorkersShareTheLoopsOfNodesUnderAGather() {
    // Leader + 2 workers each scan for ~30 ms: 3 loops averaging 30 ms is 30 ms of wall time, not 90.
    PlanNode scan = node("Seq Scan", NodeKind.SEQ_SCAN, 30, 3).parallelAware(true).build();
    PlanNode gather = node("Gather", NodeKind.GATHER, 35, 1).workers(2, 2).child(scan).build();
    Plan plan = new Plan(gather, null, 35.0);

    assertThat(plan.time(scan).inclusiveMillis()).isCloseTo(30, within(1e-9));
    assertThat(plan.time(gather).selfMillis()).isCloseTo(5, within(1e-9));
  }

  @Test
  void initPlanTimeIsChargedToTheNodeThatUsesItsValue() {
    PlanNode initPlan = node("Aggregate", NodeKind.AGGREGATE, 4, 1).parentRelationship("InitPlan")
        .subplanName("InitPlan 1").build();
    PlanNode scan = node("Seq Scan", NodeKind.SEQ_SCAN, 9, 1)
        .conditions(new Conditions("(c_acctbal > (InitPlan 1).col1)", null, null, null, null, null)).build();
    PlanNode sort = node("Sort", NodeKind.SORT, 10, 1).child(scan).build();
    PlanNode root = node("Aggregate", NodeKind.AGGREGATE, 10.5, 1).child(initPlan).child(sort).build();
    Plan plan = new Plan(root, null, 10.6);

    assertThat(plan.time(scan).selfMillis()).isCloseTo(5, within(1e-9));
    assertThat(plan.time(root).selfMillis()).isCloseTo(0.5, within(1e-9));
    double sum = plan.nodes().stream().mapToDouble(n -> plan.time(n).selfMillis()).sum();
    assertThat(sum).isCloseTo(plan.treeMillis(), within(1e-9));
  }

  @Test
  void oldStyleInitPlanReferenceIsRecognised() {
    PlanNode initPlan = node("Result", NodeKind.RESULT, 1, 1).parentRelationship("InitPlan")
        .subplanName("InitPlan 1 (returns $0)").build();
    PlanNode scan = node("Seq Scan", NodeKind.SEQ_SCAN, 3, 1)
        .conditions(new Conditions("(x > $0)", null, null, null, null, null)).build();
    PlanNode root = node("Limit", NodeKind.LIMIT, 3.2, 1).child(initPlan).child(scan).build();
    Plan plan = new Plan(root, null, null);

    assertThat(plan.time(scan).selfMillis()).isCloseTo(2, within(1e-9));
    assertThat(plan.time(root).selfMillis()).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void neverExecutedNodesTakeNoTime() {
    PlanNode skipped = PlanNode.builder("Seq Scan", NodeKind.SEQ_SCAN).actual(new Actual(0, 0, 0, 0)).build();
    PlanNode root = node("Hash Join", NodeKind.HASH_JOIN, 1, 1).child(node("Seq Scan", NodeKind.SEQ_SCAN, 1, 1).build())
        .child(skipped).build();
    Plan plan = new Plan(root, null, null);

    assertThat(plan.time(skipped).inclusiveMillis()).isZero();
    assertThat(plan.time(root).selfMillis()).isZero();
  }

  @Test
  void withoutAnalyzeSharesComeFromOwnCost() {
    PlanNode scan = PlanNode.builder("Seq Scan", NodeKind.SEQ_SCAN).estimate(new Estimate(0, 80, 1000, 8)).build();
    PlanNode sort = PlanNode.builder("Sort", NodeKind.SORT).estimate(new Estimate(90, 100, 1000, 8)).child(scan).build();
    Plan plan = new Plan(sort, 0.2, null);

    assertThat(plan.isAnalyzed()).isFalse();
    assertThat(plan.time(sort).share()).isCloseTo(0.2, within(1e-9));
    assertThat(plan.time(scan).share()).isCloseTo(0.8, within(1e-9));
  }

  @Test
  void pathNamesEveryNodeFromTheRoot() {
    PlanNode scan = node("Seq Scan", NodeKind.SEQ_SCAN, 1, 1).relation("public.orders", "o").build();
    PlanNode limit = node("Limit", NodeKind.LIMIT, 1, 1).child(node("Sort", NodeKind.SORT, 1, 1).child(scan).build()).build();
    Plan plan = new Plan(limit, null, null);

    assertThat(plan.path(scan)).isEqualTo("#1 Limit > #2 Sort > #3 Seq Scan on public.orders o");
    assertThat(plan.id(scan)).isEqualTo(3);
  }

  @Test
  void deepPlansDoNotOverflowTheStack() {
    PlanNode current = node("Seq Scan", NodeKind.SEQ_SCAN, 1, 1).build();
    for (int i = 0; i < 20_000; i++) {
      current = node("Materialize", NodeKind.MATERIALIZE, 1 + (i + 1) * 0.001, 1).child(current).build();
    }
    Plan plan = new Plan(current, null, null);

    assertThat(plan.nodes()).hasSize(20_001);
    assertThat(plan.time(current).selfMillis()).isCloseTo(0.001, within(1e-6));
  }
}
