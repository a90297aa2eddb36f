package io.querydoctor.mysql.plan.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.plan.rules.PlanFinding;
import io.querydoctor.mysql.plan.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each MySQL plan rule on a recorded plan where it fires and one where it stays silent. */
class MysqlPlanRulesTest {

  private static List<Finding> findings(String path, String ruleId) {
    return Fixtures.analyze(path).findings().stream().map(PlanFinding::finding)
        .filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  private static Finding one(String path, String ruleId) {
    List<Finding> found = findings(path, ruleId);
    assertThat(found).as(ruleId + " on " + path).hasSize(1);
    return found.get(0);
  }

  @Test
  void fullScanFiresOnMeasuredRowsAndProposesAnOnlineIndex() {
    Finding f = one("mariadb/full-scan.analyze.json", "seq-scan-large-table");
    assertThat(f.fix().sql())
        .isEqualTo("ALTER TABLE `orders` ADD INDEX `idx_orders_customer_id` (`customer_id`), ALGORITHM=INPLACE, LOCK=NONE;");
    assertThat(f.title()).contains("60,000 rows");
    // The MySQL tree: 16 044 rows read, 634 kept.
    assertThat(findings("mysql/sakila-date-filter.tree.txt", "seq-scan-large-table")).hasSize(1);
  }

  @Test
  void fullScanStaysSilentOnLookupsAndWhereTheEstimateKeepsMostRows() {
    assertThat(findings("mariadb/pk-lookup.analyze.json", "seq-scan-large-table")).isEmpty();
    assertThat(findings("mariadb/date-range.analyze.json", "seq-scan-large-table")).isEmpty();
    // Plain EXPLAIN without column statistics: filtered 100 %, nothing to judge by.
    assertThat(findings("mariadb/full-scan.explain.json", "seq-scan-large-table")).isEmpty();
    // 11 % kept of 31 307: above the 10 % threshold.
    assertThat(findings("mysql/grouping-temporary.json", "seq-scan-large-table")).isEmpty();
  }

  @Test
  void filesortOnALargeInputFiresAndAnIndexOrderStaysSilent() {
    Finding f = one("mariadb/filesort.explain.json", "filesort-large");
    assertThat(f.fix().sql()).contains("ADD INDEX").contains("(`note`)").contains("ALGORITHM=INPLACE, LOCK=NONE");
    assertThat(findings("mariadb/index-order-limit.analyze.json", "filesort-large")).isEmpty();
    assertThat(findings("mysql/world-ordering.json", "filesort-large")).isEmpty();
  }

  @Test
  void filesortThatMergedThroughFilesIsASortSpill() {
    Finding f = one("mariadb/filesort.analyze.json", "sort-spill");
    assertThat(f.fix().sql()).contains("sort_buffer_size");
    assertThat(findings("mariadb/filesort-limit.analyze.json", "sort-spill")).isEmpty();
  }

  @Test
  void orderByLimitOverAFilesortIsTopNFullSort() {
    Finding f = one("mariadb/filesort-limit.analyze.json", "top-n-full-sort");
    assertThat(f.fix().sql()).contains("(`note`)");
    assertThat(findings("mysql/world-limit.tree.txt", "top-n-full-sort")).isEmpty();
  }

  @Test
  void temporaryTableOnALargeInputFiresAndASmallGroupStaysSilent() {
    Finding mariadb = one("mariadb/temporary.explain.json", "temporary-table-large");
    assertThat(mariadb.fix().sql()).contains("(`note`)");
    one("mysql/grouping-temporary.json", "temporary-table-large");
    assertThat(findings("mariadb/small-group.analyze.json", "temporary-table-large")).isEmpty();
  }

  @Test
  void joinBufferFiresOnBlockNestedLoopAndHashJoinAndNotOnIndexedJoins() {
    Finding bnl = one("mariadb/join-buffer.analyze.json", "join-buffer");
    assertThat(bnl.fix().sql()).isEqualTo("ALTER TABLE `o` ADD INDEX `idx_o_customer_id` (`customer_id`), "
        + "ALGORITHM=INPLACE, LOCK=NONE;");
    Finding hash = one("mysql/hash-join-no-index.json", "join-buffer");
    assertThat(hash.fix().sql()).contains("ALTER TABLE `b` ADD INDEX `idx_b_product_id` (`product_id`)");
    assertThat(findings("mysql/hash-join-indexed.json", "join-buffer")).isEmpty();
    assertThat(findings("mariadb/join-indexed.analyze.json", "join-buffer")).isEmpty();
    assertThat(findings("mysql/hash-join-grace.tree.txt", "join-buffer")).isEmpty();
  }

  @Test
  void indexMergeIntersectionAsksForACompositeIndexAndAUnionStaysSilent() {
    Finding f = one("mariadb/index-merge-intersect.analyze.json", "index-merge-intersect");
    assertThat(f.fix().sql()).contains("(`kind`, `region`)");
    assertThat(findings("mariadb/index-merge-union.analyze.json", "index-merge-intersect")).isEmpty();
  }

  @Test
  void nonSargableDateGetsTheRangeRewriteAndOtherFunctionsAnExpressionIndex() {
    Finding date = one("mysql/sakila-date-filter.tree.txt", "non-sargable-predicate");
    assertThat(date.fix().sql()).isEqualTo(
        "`payment_date` >= '2005-07-30' AND `payment_date` < '2005-07-30' + INTERVAL 1 DAY");
    Finding month = one("mariadb/non-sargable-month.explain.json", "non-sargable-predicate");
    assertThat(month.fix().sql()).contains("ADD INDEX").contains("((month(orders.created_at)))")
        .contains("VIRTUAL");
    assertThat(findings("mariadb/date-range.explain.json", "non-sargable-predicate")).isEmpty();
    // MariaDB 11 rewrote DATE(created_at) = … into a range itself.
    assertThat(findings("mariadb/non-sargable-date.analyze.json", "non-sargable-predicate")).isEmpty();
    assertThat(findings("mysql/sakila-indexed.tree.txt", "non-sargable-predicate")).isEmpty();
  }

  @Test
  void rowEstimateMismatchNeedsActualsAndAJoinAbove() {
    Finding f = one("mariadb/misestimate-join.analyze.json", "row-estimate-mismatch");
    assertThat(f.fix().sql()).contains("UPDATE HISTOGRAM ON `note`, `total`")
        .contains("PERSISTENT FOR COLUMNS (`note`, `total`)");
    assertThat(findings("mariadb/misestimate-join.explain.json", "row-estimate-mismatch")).isEmpty();
    assertThat(findings("mariadb/join-indexed.analyze.json", "row-estimate-mismatch")).isEmpty();
    assertThat(findings("mysql/sakila-indexed.tree.txt", "row-estimate-mismatch")).isEmpty();
  }

  @Test
  void anIndexLookupThatDiscardsMostRowsAsksForTheWholeCondition() {
    Finding f = one("mariadb/inefficient-range.analyze.json", "inefficient-index-scan");
    assertThat(f.fix().sql()).isEqualTo("ALTER TABLE `orders` ADD INDEX `idx_orders_total_created_at` "
        + "(`total`, `created_at`), ALGORITHM=INPLACE, LOCK=NONE;");
    // 600 rows read: under the 1 000-row floor.
    assertThat(findings("mariadb/inefficient-index.analyze.json", "inefficient-index-scan")).isEmpty();
    // Not run: the optimizer's filtered for a lookup is a guess.
    assertThat(findings("mariadb/inefficient-range.explain.json", "inefficient-index-scan")).isEmpty();
    assertThat(findings("mysql/sakila-indexed.tree.txt", "inefficient-index-scan")).isEmpty();
  }

  @Test
  void healthyPlansHaveNoFindings() {
    for (String path : List.of("mariadb/pk-lookup.analyze.json", "mariadb/date-range.analyze.json",
        "mariadb/index-order-limit.analyze.json", "mysql/world-limit.tree.txt", "mysql/hash-join-indexed.json")) {
      assertThat(Fixtures.ruleIds(path)).as(path).isEmpty();
    }
  }
}
