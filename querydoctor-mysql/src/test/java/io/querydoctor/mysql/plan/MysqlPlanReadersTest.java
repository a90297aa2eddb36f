package io.querydoctor.mysql.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import org.junit.jupiter.api.Test;

/** The readers over recorded plans: MariaDB 11.4 (embedded) and MySQL 8 (public recorded outputs, see README). */
class MysqlPlanReadersTest {

  private static PlanNode first(Plan plan, NodeKind kind) {
    return plan.nodes().stream().filter(n -> n.kind() == kind).findFirst().orElseThrow();
  }

  @Test
  void mariadbAnalyzeGivesMeasuredRowsPerLoopAndRowsRemovedByTheCondition() {
    MysqlPlan mysql = Fixtures.plan("mariadb/full-scan.analyze.json");
    Plan plan = mysql.plan();
    assertThat(mysql.dialect()).isEqualTo(MysqlPlan.Dialect.MARIADB_JSON);
    assertThat(plan.isAnalyzed()).isTrue();
    PlanNode scan = first(plan, NodeKind.SEQ_SCAN);
    assertThat(scan.relation()).isEqualTo("orders");
    assertThat(scan.conditions().filter()).isEqualTo("orders.customer_id = 42");
    assertThat(scan.actual().rows()).isEqualTo(12.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(scan.rowsRemovedByFilter()).isEqualTo(59988.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(scan.estimate().rows()).isEqualTo(59865.0);
    assertThat(plan.executionMillis()).isPositive();
    assertThat(mysql.facts(scan).accessType()).isEqualTo("ALL");
  }

  @Test
  void mariadbPlainExplainIsNotAnalyzed() {
    Plan plan = Fixtures.plan("mariadb/full-scan.explain.json").plan();
    assertThat(plan.isAnalyzed()).isFalse();
    assertThat(first(plan, NodeKind.SEQ_SCAN).estimate().totalCost()).isEqualTo(10.0697394);
  }

  @Test
  void mariadbBlockNestedLoopBecomesAJoinWithTheBufferedTableInside() {
    MysqlPlan mysql = Fixtures.plan("mariadb/join-buffer.analyze.json");
    PlanNode join = first(mysql.plan(), NodeKind.NESTED_LOOP);
    assertThat(join.nodeType()).startsWith("Block nested loop");
    PlanNode inner = join.inputs().get(1);
    assertThat(mysql.facts(inner).joinBuffer()).isEqualTo("BNL");
    assertThat(join.conditions().joinFilter()).isEqualTo("o.customer_id = c.id");
    // 59 outer rows × 60 000 buffered rows × 0.02 % matched
    assertThat(inner.actual().totalRows()).isEqualTo(708.0, org.assertj.core.data.Offset.offset(0.5));
  }

  @Test
  void mariadbFilesortWithLimitBecomesLimitOverSortWithItsKey() {
    Plan plan = Fixtures.plan("mariadb/filesort-limit.analyze.json").plan();
    PlanNode sort = first(plan, NodeKind.SORT);
    assertThat(sort.sort().keys()).containsExactly("orders.note");
    assertThat(sort.sort().method()).isEqualTo("priority queue (top-N)");
    assertThat(plan.parent(sort).kind()).isEqualTo(NodeKind.LIMIT);
  }

  @Test
  void mariadbIndexMergeNamesTheMergedIndexes() {
    MysqlPlan mysql = Fixtures.plan("mariadb/index-merge-intersect.analyze.json");
    PlanNode scan = first(mysql.plan(), NodeKind.BITMAP_HEAP_SCAN);
    assertThat(mysql.facts(scan).indexMerge()).isEqualTo("intersect");
    assertThat(mysql.facts(scan).mergedIndexes()).containsExactly("idx_events_kind(kind)", "idx_events_region(region)");
    assertThat(scan.conditions().filter()).isEqualTo("events.kind = 7 and events.region = 5");
  }

  @Test
  void mysqlJsonReadsStringNumbersUnitsAndTheHashJoinBuffer() {
    MysqlPlan mysql = Fixtures.plan("mysql/hash-join-no-index.json");
    assertThat(mysql.dialect()).isEqualTo(MysqlPlan.Dialect.MYSQL_JSON);
    PlanNode join = first(mysql.plan(), NodeKind.HASH_JOIN);
    PlanNode inner = join.inputs().get(1);
    assertThat(inner.relation()).isEqualTo("b");
    assertThat(mysql.facts(inner).rowsExaminedPerScan()).isEqualTo(37825);
    assertThat(mysql.facts(inner).filteredPercent()).isEqualTo(10.0);
    assertThat(inner.conditions().filter()).isEqualTo("(b.product_id = ba710_prod.product_id)");
    assertThat(inner.estimate().totalCost()).isEqualTo(56.60 + 453.90, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(mysql.plan().root().estimate().totalCost()).isEqualTo(4597.05);
  }

  @Test
  void mysqlJsonGroupingWithTemporaryTableAndMaterializedSubquery() {
    Plan grouping = Fixtures.plan("mysql/grouping-temporary.json").plan();
    assertThat(first(grouping, NodeKind.AGGREGATE).nodeType()).isEqualTo("Aggregate using temporary table");
    assertThat(grouping.nodes().stream().filter(n -> n.kind().isJoin()).count()).isEqualTo(5);
    Plan world = Fixtures.plan("mysql/world-ordering.json").plan();
    assertThat(world.nodes().stream().filter(n -> n.kind() == NodeKind.SORT).count()).isEqualTo(2);
    assertThat(world.nodes().stream().map(PlanNode::relation)).contains("co", "country", "ci");
  }

  @Test
  void mysqlTreeFoldsTheFilterIntoTheScanAndKeepsActualsPerLoop() {
    MysqlPlan mysql = Fixtures.plan("mysql/sakila-date-filter.tree.txt");
    Plan plan = mysql.plan();
    assertThat(plan.isAnalyzed()).isTrue();
    PlanNode scan = first(plan, NodeKind.SEQ_SCAN);
    assertThat(scan.relation()).isEqualTo("p");
    assertThat(scan.conditions().filter()).isEqualTo("(cast(p.payment_date as date) = '2005-07-30')");
    assertThat(scan.actual().rows()).isEqualTo(634);
    assertThat(scan.rowsRemovedByFilter()).isEqualTo(16044 - 634);
    PlanNode lookup = first(plan, NodeKind.INDEX_SCAN);
    assertThat(lookup.index()).isEqualTo("PRIMARY");
    assertThat(lookup.actual().loops()).isEqualTo(634);
    assertThat(first(plan, NodeKind.LIMIT).actual().rows()).isEqualTo(200);
  }

  @Test
  void mysqlTreeWithoutActualsAndWithMaskedCosts() {
    Plan plan = Fixtures.plan("mysql/hash-join-grace.tree.txt").plan();
    assertThat(plan.isAnalyzed()).isFalse();
    PlanNode join = first(plan, NodeKind.HASH_JOIN);
    assertThat(join.conditions().hashCond()).isEqualTo("t2.col1 = t1.col1");
    assertThat(join.estimate().rows()).isEqualTo(26214);
    assertThat(first(plan, NodeKind.HASH).inputs().get(0).relation()).isEqualTo("t1");
  }

  @Test
  void aTreeWhoseIndentationWasLostIsRefusedInOneLine() {
    assertThatThrownBy(() -> Fixtures.plan("mysql/adventureworks-group.tree.txt"))
        .isInstanceOf(MysqlPlanFormatException.class).hasMessageContaining("indentation was lost");
  }

  @Test
  void unknownFieldsAreIgnoredAndNonPlansRefused() {
    String extra = "{\"query_block\": {\"select_id\": 1, \"new_field\": {\"x\": [1]}, \"nested_loop\": [{\"table\": "
        + "{\"table_name\": \"t\", \"access_type\": \"ALL\", \"rows\": 5, \"future\": true}}]}}";
    assertThat(MysqlPlans.read(extra).plan().nodes()).hasSize(2);
    assertThatThrownBy(() -> MysqlPlans.read("{\"Plan\": {}}")).isInstanceOf(MysqlPlanFormatException.class)
        .hasMessageContaining("query_block");
    assertThatThrownBy(() -> MysqlPlans.read("{not json")).isInstanceOf(MysqlPlanFormatException.class);
    assertThatThrownBy(() -> MysqlPlans.read("Seq Scan on t")).isInstanceOf(MysqlPlanFormatException.class);
  }

  @Test
  void recognizesMysqlFormatsAndNotPostgres() {
    assertThat(MysqlPlans.recognizes(Fixtures.text("mariadb/full-scan.analyze.json"))).isTrue();
    assertThat(MysqlPlans.recognizes(Fixtures.text("mysql/hash-join-no-index.json"))).isTrue();
    assertThat(MysqlPlans.recognizes(Fixtures.text("mysql/world-limit.tree.txt"))).isTrue();
    assertThat(MysqlPlans.recognizes("EXPLAIN: -> Limit: 5 row(s)")).isTrue();
    assertThat(MysqlPlans.recognizes("[{\"Plan\": {\"Node Type\": \"Seq Scan\"}}]")).isFalse();
    assertThat(MysqlPlans.recognizes("Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)")).isFalse();
  }
}
