package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PgTextPlanReader} over recorded text plans, one per construct, and malformed ones. */
class PgTextPlanReaderTest {

  private final PgTextPlanReader reader = new PgTextPlanReader();

  static String fixture(String path) throws IOException {
    try (InputStream in = PgTextPlanReaderTest.class.getResourceAsStream("/plans/" + path)) {
      assertThat(in).as("fixture " + path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Plan recorded(String name) throws IOException {
    return reader.read(fixture("pg-text/" + name + ".txt"));
  }

  private Plan handmade(String name) throws IOException {
    return reader.read(fixture("pg-text-handmade/" + name + ".txt"));
  }

  private static PlanNode first(Plan plan, NodeKind kind) {
    return plan.nodes().stream().filter(n -> n.kind() == kind).findFirst().orElseThrow();
  }

  @Test
  void seqScanWithFilterAndRowsRemoved() throws IOException {
    PlanNode scan = recorded("seq-scan-large-table-fires").root();
    assertThat(scan.nodeType()).isEqualTo("Seq Scan");
    assertThat(scan.relation()).isEqualTo("orders");
    assertThat(scan.conditions().filter()).isEqualTo("(customer_id = 42)");
    assertThat(scan.rowsRemovedByFilter()).isEqualTo(199960);
    assertThat(scan.actual().rows()).isEqualTo(40);
    assertThat(scan.buffers().sharedHit()).isPositive();
  }

  @Test
  void externalMergeSortWithDiskSpace() throws IOException {
    PlanNode sort = first(recorded("external-sort"), NodeKind.SORT);
    assertThat(sort.sort().keys()).containsExactly("note");
    assertThat(sort.sort().method()).isEqualTo("external merge");
    assertThat(sort.sort().spaceType()).isEqualTo("Disk");
    assertThat(sort.sort().spaceKb()).isEqualTo(4120);
    assertThat(sort.sort().spilled()).isTrue();
  }

  @Test
  void incrementalSortGroups() throws IOException {
    PlanNode sort = first(recorded("incremental-sort"), NodeKind.INCREMENTAL_SORT);
    assertThat(sort.sort().presortedKeys()).containsExactly("id");
    assertThat(sort.sort().keys()).containsExactly("id", "note");
    assertThat(sort.sort().method()).isEqualTo("quicksort");
    assertThat(sort.sort().spaceType()).isEqualTo("Memory");
    assertThat(sort.sort().spaceKb()).isEqualTo(29);
  }

  @Test
  void hashBatchesGrownAtRunTimeAndJoinFilter() throws IOException {
    Plan plan = handmade("hash-grown");
    PlanNode join = plan.root();
    PlanNode hash = first(plan, NodeKind.HASH);
    assertThat(join.joinType()).isEqualTo("Inner");
    assertThat(join.conditions().hashCond()).isEqualTo("(o.customer_id = c.id)");
    assertThat(join.conditions().joinFilter()).isEqualTo("(o.total > 1)");
    assertThat(join.rowsRemovedByJoinFilter()).isEqualTo(42);
    assertThat(hash.hash().buckets()).isEqualTo(65536);
    assertThat(hash.hash().batches()).isEqualTo(4);
    assertThat(hash.hash().originalBatches()).isEqualTo(1);
    assertThat(hash.hash().peakMemoryKb()).isEqualTo(3073);
    assertThat(plan.planningMillis()).isNull();
    assertThat(plan.executionMillis()).isEqualTo(195.0);
  }

  @Test
  void hashAggregateSpillToDisk() throws IOException {
    PlanNode agg = recorded("hash-aggregate-spill").root();
    assertThat(agg.nodeType()).isEqualTo("Aggregate");
    assertThat(agg.strategy()).isEqualTo("Hashed");
    assertThat(agg.groupKeys()).containsExactly("customer_id");
    assertThat(agg.hash().batches()).isEqualTo(21);
    assertThat(agg.hash().originalBatches()).isEqualTo(4);
    assertThat(agg.hash().diskKb()).isEqualTo(6928);
    assertThat(agg.hash().spilled()).isTrue();
  }

  @Test
  void lossyBitmapHeapBlocksAndRecheck() throws IOException {
    Plan plan = recorded("lossy-bitmap-scan-fires");
    PlanNode heap = plan.root();
    assertThat(heap.exactHeapBlocks()).isEqualTo(702);
    assertThat(heap.lossyHeapBlocks()).isEqualTo(517);
    assertThat(heap.conditions().recheckCond()).startsWith("((created_at >=");
    PlanNode index = first(plan, NodeKind.BITMAP_INDEX_SCAN);
    assertThat(index.index()).isEqualTo("orders_created_at_idx");
    assertThat(index.relation()).isNull();
  }

  @Test
  void initPlanLabelAndIndexOnlyScanHeapFetchesInPsqlOutput() throws IOException {
    Plan plan = handmade("psql-pg12-initplan");
    PlanNode limit = first(plan, NodeKind.LIMIT);
    PlanNode scan = first(plan, NodeKind.INDEX_ONLY_SCAN);
    assertThat(limit.parentRelationship()).isEqualTo("InitPlan");
    assertThat(limit.subplanName()).isEqualTo("InitPlan 1 (returns $0)");
    assertThat(plan.parent(scan)).isSameAs(limit);
    assertThat(scan.index()).isEqualTo("Orders_pkey");
    assertThat(scan.relation()).isEqualTo("Orders");
    assertThat(scan.alias()).isEqualTo("o");
    assertThat(scan.heapFetches()).isZero();
    assertThat(plan.executionMillis()).isEqualTo(0.038);
  }

  @Test
  void subPlanAndCteLabels() throws IOException {
    PlanNode aggregate = first(recorded("subplan"), NodeKind.AGGREGATE);
    assertThat(aggregate.parentRelationship()).isEqualTo("SubPlan");
    assertThat(aggregate.subplanName()).isEqualTo("SubPlan 1");
    Plan cte = recorded("cte");
    PlanNode definition = first(cte, NodeKind.INDEX_SCAN);
    assertThat(definition.subplanName()).isEqualTo("CTE recent");
    assertThat(definition.parentRelationship()).isEqualTo("InitPlan");
    assertThat(cte.nodes()).filteredOn(n -> "recent".equals(n.cteName())).extracting(PlanNode::alias)
        .containsExactly("r", "s");
  }

  @Test
  void parallelNodesWorkersAndPartialFinalizeAggregates() throws IOException {
    Plan plan = recorded("parallel-aggregate");
    assertThat(plan.root().nodeType()).isEqualTo("Aggregate");
    assertThat(plan.root().strategy()).isEqualTo("Sorted");
    PlanNode gather = first(plan, NodeKind.GATHER);
    assertThat(gather.nodeType()).isEqualTo("Gather Merge");
    assertThat(gather.workersPlanned()).isEqualTo(2);
    assertThat(gather.workersLaunched()).isEqualTo(2);
    PlanNode scan = first(plan, NodeKind.SEQ_SCAN);
    assertThat(scan.parallelAware()).isTrue();
    assertThat(scan.actual().loops()).isEqualTo(3);
    // The Worker lines under the sort repeat the leader's figures; they must not override them.
    assertThat(first(plan, NodeKind.SORT).sort().method()).isEqualTo("quicksort");
  }

  @Test
  void memoizeSemiJoinAndBufferGroups() throws IOException {
    Plan plan = handmade("memoize-and-gather");
    assertThat(plan.root().workersLaunched()).isEqualTo(1);
    assertThat(plan.root().buffers()).isEqualTo(new io.querydoctor.core.plan.Buffers(3061, 12, 2, 1, 4, 5, 7, 8));
    PlanNode loop = first(plan, NodeKind.NESTED_LOOP);
    assertThat(loop.joinType()).isEqualTo("Semi");
    assertThat(loop.inputs()).extracting(PlanNode::kind).containsExactly(NodeKind.SEQ_SCAN, NodeKind.MEMOIZE);
    assertThat(first(plan, NodeKind.INDEX_SCAN).actual().loops()).isEqualTo(5000);
    // Nodes without a Buffers line in a plan that shows buffers had none.
    assertThat(loop.buffers().sharedTotal()).isZero();
  }

  @Test
  void neverExecutedTimingOffCostsOffAndEstimateOnly() throws IOException {
    PlanNode inner = recorded("never-executed").root().children().get(1);
    assertThat(inner.actual().neverExecuted()).isTrue();
    assertThat(inner.estimate().totalCost()).isEqualTo(8.30);
    PlanNode limit = recorded("timing-off").root();
    assertThat(limit.actual().rows()).isEqualTo(5);
    assertThat(limit.actual().totalMillis()).isZero();
    assertThat(recorded("costs-off").root().actual().rows()).isEqualTo(9);
    Plan estimate = recorded("estimate-only");
    assertThat(estimate.isAnalyzed()).isFalse();
    assertThat(estimate.root().estimate().rows()).isPositive();
  }

  @Test
  void verboseRelationsAreSchemaQualifiedAndModifyTableKeepsItsOperation() throws IOException {
    assertThat(first(recorded("verbose-settings"), NodeKind.SEQ_SCAN).relation()).isEqualTo("public.customers");
    PlanNode insert = recorded("insert-wal").root();
    assertThat(insert.nodeType()).isEqualTo("ModifyTable");
    assertThat(insert.operation()).isEqualTo("Insert");
    assertThat(insert.relation()).isEqualTo("order_tags");
  }

  @Test
  void sortKeysSplitOnlyAtTopLevelCommas() {
    assertThat(TextNodeDetails.list("a, lower((b)::text), coalesce(c, 'x, y') DESC"))
        .containsExactly("a", "lower((b)::text)", "coalesce(c, 'x, y') DESC");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      malformed-no-node    | no plan node line
      malformed-cost       | line 1: unreadable cost figures
      malformed-stray-line | line 3: not a plan line
      malformed-number     | line 3: unreadable number
      """)
  void malformedInputFailsWithALineNumberedOneLineReason(String name, String reason) throws IOException {
    String text = fixture("pg-text-handmade/" + name + ".txt");
    assertThatThrownBy(() -> reader.read(text)).isInstanceOf(PlanFormatException.class)
        .hasMessageContaining(reason).message().doesNotContain("\n");
  }

  /** Any cut or corruption of a real plan either still reads or is a one-line PlanFormatException. */
  @Test
  void truncatedOrCorruptedPlansNeverCrash() throws IOException {
    java.util.Random random = new java.util.Random(7);
    for (String name : java.util.List.of("verbose-settings", "parallel-aggregate", "hash-aggregate-spill",
        "incremental-sort", "cte")) {
      String plan = fixture("pg-text/" + name + ".txt");
      for (int round = 0; round < 300; round++) {
        char[] chars = plan.substring(0, 1 + random.nextInt(plan.length() - 1)).toCharArray();
        for (int flips = random.nextInt(4); flips > 0; flips--) {
          chars[random.nextInt(chars.length)] = "0.x(=: )\n-".charAt(random.nextInt(10));
        }
        String input = new String(chars);
        try {
          reader.read(input);
        } catch (PlanFormatException e) {
          assertThat(e.getMessage()).as(input).doesNotContain("\n");
        }
      }
    }
  }
}
