package io.querydoctor.mysql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.rules.PlanFinding;
import io.querydoctor.mysql.connect.SafeExecutor;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import io.querydoctor.mysql.plan.rules.MysqlPlanRules;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each plan rule's fix is true on the real MariaDB: explain live (read-only session), take the DDL the finding
 * proposes, build it on this test's database (the sandbox), explain again: the new index is used and the rule is
 * silent. The index is dropped after each case.
 */
@ExtendWith(EmbeddedMariaDbExtension.class)
class MysqlPlanFixesIT {

  @BeforeAll
  static void schema(TestMariaDb db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      PlanSchema.load(s);
    }
  }

  private static MysqlExplainer.Explained explain(TestMariaDb db, String sql, boolean analyze) throws SQLException {
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      return new MysqlExplainer(executor).explain(sql, analyze);
    }
  }

  private static Optional<Finding> finding(MysqlExplainer.Explained explained, String ruleId) {
    MysqlPlan plan = explained.plan();
    return MysqlPlanRules.analyzer(plan).analyze(plan.plan()).findings().stream().map(PlanFinding::finding)
        .filter(f -> f.ruleId().equals(ruleId)).findFirst();
  }

  private static void execute(TestMariaDb db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Explains, applies the rule's DDL, re-explains: the index is used and the rule is silent; drops the index. */
  private static void fixIsTrue(TestMariaDb db, String sql, String ruleId, String table, String index)
      throws SQLException {
    fixIsTrue(db, sql, ruleId, table, index, true);
  }

  private static void fixIsTrue(TestMariaDb db, String sql, String ruleId, String table, String index,
      boolean analyze) throws SQLException {
    MysqlExplainer.Explained before = explain(db, sql, analyze);
    Finding f = finding(before, ruleId).orElseThrow(() -> new AssertionError(ruleId + " did not fire on " + sql));
    assertThat(f.fix().sql()).startsWith("ALTER TABLE `" + table + "` ADD INDEX `" + index + "`")
        .endsWith("ALGORITHM=INPLACE, LOCK=NONE;");
    execute(db, f.fix().sql());
    try {
      MysqlExplainer.Explained after = explain(db, sql, analyze);
      assertThat(after.plan().plan().nodes()).extracting(PlanNode::index).contains(index);
      assertThat(finding(after, ruleId)).as(ruleId + " after the fix").isEmpty();
    } finally {
      execute(db, "ALTER TABLE `" + table + "` DROP INDEX `" + index + "`");
    }
  }

  @Test
  void fullScanFixIsAnIndexTheServerUses(TestMariaDb db) throws SQLException {
    fixIsTrue(db, "SELECT * FROM orders WHERE customer_id = 42", "seq-scan-large-table", "orders",
        "idx_orders_customer_id");
  }

  @Test
  void joinBufferFixNamesTheTableBehindTheAliasAndTurnsTheJoinIntoLookups(TestMariaDb db) throws SQLException {
    fixIsTrue(db, "SELECT c.email, o.total FROM customers c STRAIGHT_JOIN orders o ON o.customer_id = c.id "
        + "WHERE c.country = 'CH' AND c.id < 300", "join-buffer", "orders", "idx_orders_customer_id");
  }

  @Test
  void orderByLimitFixReadsTheIndexInOrder(TestMariaDb db) throws SQLException {
    fixIsTrue(db, "SELECT id, note FROM orders ORDER BY note LIMIT 10", "top-n-full-sort", "orders",
        "idx_orders_note");
  }

  @Test
  void filesortFixIsAnIndexReadInOrderWhenItHoldsTheColumnsRead(TestMariaDb db) throws SQLException {
    fixIsTrue(db, "SELECT id, note FROM orders ORDER BY note", "filesort-large", "orders", "idx_orders_note", false);
  }

  @Test
  void sortSpillFixGivesTheSortTheMemoryItNeeds(TestMariaDb db) throws SQLException {
    String sql = "SELECT id, note FROM orders WHERE total > 10 ORDER BY note";
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      assertThat(spills(s, sql)).isTrue();
      s.execute("SET SESSION sort_buffer_size = 8 * 1024 * 1024");
      assertThat(spills(s, sql)).isFalse();
    }
  }

  private static boolean spills(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery("ANALYZE FORMAT=JSON " + sql)) {
      rs.next();
      MysqlPlan plan = MysqlPlans.read(rs.getString(1));
      return MysqlPlanRules.analyzer(plan).analyze(plan.plan()).findings().stream()
          .anyMatch(f -> f.finding().ruleId().equals("sort-spill"));
    }
  }

  @Test
  void temporaryTableFixGroupsFromTheIndex(TestMariaDb db) throws SQLException {
    fixIsTrue(db, "SELECT note, COUNT(*) FROM orders GROUP BY note", "temporary-table-large", "orders",
        "idx_orders_note");
  }

  @Test
  void indexMergeFixIsOneCompositeIndex(TestMariaDb db) throws SQLException {
    fixIsTrue(db, "SELECT * FROM events WHERE kind = 7 AND region = 5", "index-merge-intersect", "events",
        "idx_events_kind_region");
  }

  @Test
  void inefficientLookupFixMatchesTheWholeCondition(TestMariaDb db) throws SQLException {
    fixIsTrue(db, "SELECT * FROM orders WHERE created_at >= '2024-02-01' AND created_at < '2024-03-01' AND total = 500",
        "inefficient-index-scan", "orders", "idx_orders_total_created_at");
  }

  @Test
  void theDateRangeRewriteKeepsTheRowsAndUsesTheIndex(TestMariaDb db) throws SQLException {
    String rewritten = "SELECT id FROM orders WHERE `created_at` >= '2024-03-01' AND `created_at` < '2024-03-01' "
        + "+ INTERVAL 1 DAY";
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      assertThat(count(s, rewritten)).isEqualTo(count(s, "SELECT id FROM orders WHERE DATE(created_at) = '2024-03-01'"))
          .isPositive();
    }
    MysqlExplainer.Explained plan = explain(db, rewritten, false);
    assertThat(plan.plan().plan().nodes()).extracting(PlanNode::index).contains("idx_orders_created_at");
  }

  @Test
  void nonSargableFixOnMariaDbIsAnIndexedVirtualColumn(TestMariaDb db) throws SQLException {
    String sql = "SELECT id, total FROM orders WHERE MONTH(created_at) = 3";
    Finding f = finding(explain(db, sql, false), "non-sargable-predicate").orElseThrow();
    String mariadb = f.fix().sql().substring(f.fix().sql().indexOf("-- MariaDB:\n") + 12);
    execute(db, mariadb);
    try {
      MysqlExplainer.Explained after = explain(db, "SELECT id, total FROM orders WHERE v_month_created_at = 3", false);
      assertThat(after.plan().plan().nodes()).extracting(PlanNode::index).contains("idx_v_month_created_at");
    } finally {
      execute(db, "ALTER TABLE orders DROP COLUMN v_month_created_at");
    }
  }

  @Test
  void rowEstimateFixGivesTheOptimizerTheRightRowCount(TestMariaDb db) throws SQLException {
    String sql = "SELECT c.email, o.id FROM orders o JOIN customers c ON c.id = o.customer_id "
        + "WHERE o.note LIKE 'a%' AND o.total < 500";
    Finding f = finding(explain(db, sql, true), "row-estimate-mismatch").orElseThrow();
    String mariadb = f.fix().sql().substring(f.fix().sql().indexOf("-- MariaDB 10.4+:\n") + 18);
    assertThat(mariadb).startsWith("ANALYZE TABLE `orders` PERSISTENT FOR COLUMNS (`note`, `total`)");
    execute(db, mariadb);
    assertThat(finding(explain(db, sql, true), "row-estimate-mismatch")).isEmpty();
  }

  @Test
  void explainWithoutAnalyzeDoesNotRunTheStatementAndAWriteIsRefused(TestMariaDb db) throws SQLException {
    MysqlExplainer.Explained plain = explain(db, "SELECT * FROM orders WHERE customer_id = 42", false);
    assertThat(plain.analyzed()).isFalse();
    assertThat(plain.plan().plan().isAnalyzed()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> explain(db, "UPDATE orders SET total = 0 WHERE customer_id = 42", true))
        .isInstanceOf(SQLException.class).hasMessageStartingWith("only reads (SELECT, WITH) are explained");
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      assertThat(count(s, "SELECT id FROM orders WHERE customer_id = 42 AND total = 0")).isZero();
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM (" + sql + ") q")) {
      rs.next();
      return rs.getLong(1);
    }
  }

}
