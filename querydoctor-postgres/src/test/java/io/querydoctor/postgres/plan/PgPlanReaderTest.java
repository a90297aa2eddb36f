package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgPlanReaderTest {

  private final PgPlanReader reader = new PgPlanReader();

  private static PlanNode first(Plan plan, NodeKind kind) {
    return plan.nodes().stream().filter(n -> n.kind() == kind).findFirst().orElseThrow();
  }

  @Test
  void readsSortMethodSpaceAndTempBuffers() throws IOException {
    Plan plan = PlanRulesFixtureTest.read("sort-spill-fires");
    PlanNode sort = first(plan, NodeKind.SORT);

    assertThat(sort.sort().method()).isEqualTo("external merge");
    assertThat(sort.sort().spaceType()).isEqualTo("Disk");
    assertThat(sort.sort().spaceKb()).isPositive();
    assertThat(sort.sort().keys()).containsExactly("note");
    assertThat(sort.buffers().tempWritten()).isPositive();
    assertThat(plan.executionMillis()).isPositive();
    assertThat(plan.planningMillis()).isPositive();
  }

  @Test
  void readsHashBatchesAndJoinConditions() throws IOException {
    Plan plan = PlanRulesFixtureTest.read("hash-spill-fires");
    PlanNode join = first(plan, NodeKind.HASH_JOIN);
    PlanNode hash = first(plan, NodeKind.HASH);

    assertThat(join.conditions().hashCond()).isEqualTo("(o.customer_id = c.id)");
    assertThat(join.joinType()).isEqualTo("Inner");
    assertThat(hash.hash().batches()).isGreaterThan(1);
    assertThat(hash.hash().peakMemoryKb()).isPositive();
  }

  @Test
  void readsScanDetails() throws IOException {
    PlanNode bitmap = first(PlanRulesFixtureTest.read("lossy-bitmap-scan-fires"), NodeKind.BITMAP_HEAP_SCAN);
    PlanNode indexOnly = first(PlanRulesFixtureTest.read("heap-fetches-fires"), NodeKind.INDEX_ONLY_SCAN);
    PlanNode seq = first(PlanRulesFixtureTest.read("seq-scan-large-table-fires"), NodeKind.SEQ_SCAN);

    assertThat(bitmap.lossyHeapBlocks()).isPositive();
    assertThat(bitmap.relation()).isEqualTo("orders");
    assertThat(indexOnly.heapFetches()).isPositive();
    assertThat(indexOnly.index()).isEqualTo("visits_fresh_pkey");
    assertThat(indexOnly.conditions().indexCond()).isEqualTo("(id < 50000)");
    assertThat(seq.conditions().filter()).isEqualTo("(customer_id = 42)");
    assertThat(seq.rowsRemovedByFilter()).isEqualTo(199_960);
  }

  @Test
  void readsParallelWorkersAndAggregateStrategy() throws IOException {
    Plan plan = PlanRulesFixtureTest.read("heavy-aggregation-fires");
    PlanNode gather = first(plan, NodeKind.GATHER);
    PlanNode partial = plan.nodes().stream().filter(n -> "Hashed".equals(n.strategy())).findFirst().orElseThrow();

    assertThat(gather.nodeType()).isEqualTo("Gather Merge");
    assertThat(gather.workersLaunched()).isEqualTo(2);
    assertThat(partial.operatorName()).isEqualTo("HashAggregate");
    assertThat(partial.groupKeys()).containsExactly("kind");
    assertThat(partial.loops()).isEqualTo(3);
  }

  @Test
  void readsAPlanWithoutAnalyze() throws IOException {
    Plan plan = PlanRulesFixtureTest.read("estimate-only-top-n");

    assertThat(plan.isAnalyzed()).isFalse();
    assertThat(plan.root().kind()).isEqualTo(NodeKind.LIMIT);
    assertThat(plan.root().actual()).isNull();
    assertThat(plan.root().buffers()).isNull();
    assertThat(plan.root().estimate().totalCost()).isPositive();
    assertThat(plan.executionMillis()).isNull();
  }

  @Test
  void ignoresFieldsItDoesNotKnowAndReadsFractionalRows() {
    Plan plan = reader.read("""
        [{"Plan": {"Node Type": "Seq Scan", "Relation Name": "t", "Schema": "s", "Alias": "t",
          "Startup Cost": 0, "Total Cost": 10, "Plan Rows": 5, "Plan Width": 4,
          "Actual Startup Time": 0.01, "Actual Total Time": 0.5, "Actual Rows": 2.5, "Actual Loops": 2,
          "Disabled": true, "Storage": {"Future": [1, 2]}, "Window": "w1"},
          "Serialization": {"Time": 0.1}, "Planning": {"Shared Hit Blocks": 3}, "Execution Time": 1.2}]
        """);

    assertThat(plan.root().relation()).isEqualTo("s.t");
    assertThat(plan.root().actual().totalRows()).isEqualTo(5.0);
    assertThat(plan.treeMillis()).isEqualTo(1.0);
  }

  @Test
  void skipsAPsqlHeaderAndReadsAutoExplainObjects() {
    Plan plan = reader.read("""
                       QUERY PLAN
        ----------------------------
        {"Query Text": "select 1", "Plan": {"Node Type": "Result", "Total Cost": 0.01, "Plan Rows": 1}}
        """);

    assertThat(plan.root().kind()).isEqualTo(NodeKind.RESULT);
  }

  @Test
  void unknownNodeTypesAreKeptAsOther() {
    Plan plan = reader.read("{\"Plan\": {\"Node Type\": \"Teleport Scan\", \"Plans\": [{\"Node Type\": \"Seq Scan\"}]}}");

    assertThat(plan.root().kind()).isEqualTo(NodeKind.OTHER);
    assertThat(plan.root().children()).hasSize(1);
  }

  @Test
  void deeplyNestedPlansRead() {
    int depth = 2_000;
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      json.append("{\"Node Type\": \"Nested Loop\", \"Plans\": [");
    }
    json.append("{\"Node Type\": \"Result\"}");
    json.append("]}".repeat(depth));

    Plan plan = reader.read("{\"Plan\": " + json + "}");

    assertThat(plan.nodes()).hasSize(depth + 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      plain text                                      | no JSON object or array
      '{"Plan": {"Node Type": "Result"'               | not valid JSON at line 1
      '[{"Query": {}}]'                               | no "Plan" object
      '{"Plan": {"Node Type": "Limit", "Plans": [{"Startup Cost": 1}]}}' | without "Node Type" at Plan.Plans[0]
      """)
  void badInputFailsWithAOneLineReason(String input, String reason) {
    assertThatThrownBy(() -> reader.read(input))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
