package io.querydoctor.demo.workload;

import static io.querydoctor.demo.workload.Explain.on;
import static io.querydoctor.demo.workload.Explain.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves that every planted problem is really present in the demo database, and that the healthy control
 * really is fast and index-backed. Runs at scale 0.2 (about 200 000 rows), where every problem still shows.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PlantedProblemsIT {

  private static final DemoScale SCALE = new DemoScale(0.2);
  private static List<ScenarioRun> runs;

  @BeforeAll
  static void buildAndRun(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      new DemoDatabase(SCALE, ProgressListener.NONE).build(c);
    }
    runs = new DemoWorkload(db::connect, ScopeRunner.NONE, ProgressListener.NONE, SCALE, 1).run();
  }

  @Test
  void nPlusOneRunsOneQueryPerUserAfterTheParentQuery(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      assertThat(calls(c, "SELECT id, name FROM users WHERE status = $1 ORDER BY id LIMIT $2")).isEqualTo(3);
      assertThat(calls(c, "SELECT id, title, created_at FROM posts WHERE user_id = $1")).isEqualTo(300);
    }
    ScenarioRun nPlusOne = run("GET /users-with-posts");
    assertThat(nPlusOne.statements()).isEqualTo(3 * 101);
  }

  @Test
  void postsUserIdForeignKeyHasNoIndexAndItsQueriesScanThePostsTable(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      assertThat(count(c, """
          SELECT count(*) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
          WHERE i.indrelid = 'posts'::regclass AND a.attname = 'user_id'""")).isZero();
      assertThat(count(c, """
          SELECT count(*) FROM pg_constraint WHERE conrelid = 'posts'::regclass AND contype = 'f'
          AND conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = 'posts'::regclass AND attname = 'user_id')]
          """)).isEqualTo(1);
      Explain plan = Explain.analyze(c, DemoQueries.POSTS_OF_USER, 7L);
      assertThat(plan.nodes(type("Seq Scan").and(on("posts")))).hasSize(1);
      JsonNode scan = plan.nodes(on("posts")).get(0);
      assertThat(scan.get("Rows Removed by Filter").asLong()).isGreaterThan(10_000);
    }
  }

  @Test
  void dayFilterIsNonSargableWhileTheRangeFormUsesTheIndex(TestDatabase db) throws SQLException {
    LocalDate day = LocalDate.of(2026, 3, 14);
    try (Connection c = db.connect()) {
      Explain plan = Explain.analyze(c, DemoQueries.POSTS_OF_DAY, day);
      List<JsonNode> scans = plan.nodes(on("posts"));
      assertThat(scans).extracting(n -> n.get("Node Type").asText()).containsExactly("Seq Scan");
      assertThat(scans.get(0).get("Filter").asText()).contains("::date");

      Explain rewritten = Explain.analyze(c,
          "SELECT id, title FROM posts WHERE created_at >= ?::date AND created_at < ?::date + 1", day, day);
      assertThat(rewritten.nodes(on("posts"))).extracting(n -> n.get("Node Type").asText())
          .doesNotContain("Seq Scan");
      assertThat(rewritten.nodes(n -> "posts_created_at_idx".equals(n.path("Index Name").asText()))).isNotEmpty();
    }
  }

  @Test
  void ordersStatisticsAreStaleAndMisleadThePlanner(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      assertThat(count(c, "SELECT count(*) FROM pg_class WHERE relname = 'orders'"
          + " AND 'autovacuum_enabled=false' = ANY(reloptions)")).isEqualTo(1);
      long modified = count(c, "SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = 'orders'");
      long live = count(c, "SELECT count(*) FROM orders");
      assertThat(modified).isGreaterThanOrEqualTo(Math.max(1_000, live / 10));

      Explain plan = Explain.analyze(c, DemoQueries.PENDING_ORDERS_BY_COUNTRY, "US");
      JsonNode orders = plan.nodes(on("orders")).get(0);
      double estimated = orders.get("Plan Rows").asDouble();
      double actual = orders.get("Actual Rows").asDouble() * orders.get("Actual Loops").asDouble();
      assertThat(actual).isGreaterThan(10 * estimated);
    }
  }

  @Test
  void productsCarryDuplicateAndRedundantIndexes(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      assertThat(count(c, """
          SELECT count(*) FROM pg_index a JOIN pg_index b ON a.indrelid = b.indrelid AND a.indexrelid < b.indexrelid
          WHERE a.indrelid = 'products'::regclass AND a.indkey::text = b.indkey::text""")).isEqualTo(1);
      assertThat(count(c, """
          SELECT count(*) FROM pg_index short JOIN pg_index long ON short.indrelid = long.indrelid
          WHERE short.indrelid = 'products'::regclass AND short.indnatts < long.indnatts
          AND long.indkey::text LIKE short.indkey::text || ' %'""")).isEqualTo(2);
    }
  }

  @Test
  void orderItemsAreInsertedOneStatementAtATime(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      assertThat(calls(c, DemoQueries.INSERT_ORDER_ITEM.replace("?, ?, ?, ?", "$1, $2, $3, $4"))).isEqualTo(5 * 12);
      assertThat(count(c, "SELECT sum(rows) FROM pg_stat_statements WHERE query LIKE 'INSERT INTO order_items%'"))
          .isEqualTo(5 * 12);
    }
  }

  @Test
  void lockHolderSitsIdleInTransactionWhileAnotherSessionWaitsForIt(TestDatabase db) throws SQLException {
    try (LockContention contention = LockContention.start(db::connect, ScopeRunner.NONE, 42, Duration.ZERO);
        Connection c = db.connect()) {
      long waiting = 0;
      for (int attempt = 0; attempt < 100 && waiting == 0; attempt++) {
        waiting = count(c, """
            SELECT count(*) FROM pg_stat_activity waiter
            JOIN pg_stat_activity holder ON holder.pid = ANY(pg_blocking_pids(waiter.pid))
            WHERE waiter.wait_event_type = 'Lock' AND holder.state = 'idle in transaction'
            AND holder.query LIKE '%FOR UPDATE%'""");
        sleep(50);
      }
      assertThat(waiting).isEqualTo(1);
    }
  }

  @Test
  void deepOffsetReadsAndDiscardsTensOfThousandsOfRows(TestDatabase db) throws SQLException {
    long offset = SCALE.posts() / 2;
    try (Connection c = db.connect()) {
      Explain plan = Explain.analyze(c, DemoQueries.POSTS_PAGE, offset);
      JsonNode limit = plan.nodes(type("Limit")).get(0);
      assertThat(limit.get("Actual Rows").asLong()).isEqualTo(20);
      assertThat(limit.get("Plans").get(0).get("Actual Rows").asLong()).isGreaterThanOrEqualTo(offset + 20);
    }
  }

  @Test
  void usersExportSortSpillsToDiskWithSmallWorkMem(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(DemoQueries.SMALL_WORK_MEM);
      Explain plan = Explain.analyze(c, DemoQueries.USERS_SORTED_BY_NAME);
      assertThat(plan.nodes(type("Sort"))).extracting(n -> n.get("Sort Method").asText())
          .containsExactly("external merge");
    }
  }

  @Test
  void distinctCommentersAggregatesTheWholeLargestTable(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      long largest = count(c, "SELECT count(*) FROM comments");
      for (String other : List.of("users", "posts", "products", "orders", "order_items")) {
        assertThat(count(c, "SELECT count(*) FROM " + other)).as(other).isLessThan(largest);
      }
      Explain plan = Explain.analyze(c, DemoQueries.DISTINCT_COMMENTERS);
      JsonNode aggregate = plan.nodes(type("Aggregate")).get(0);
      long input = aggregate.get("Plans").get(0).get("Actual Rows").asLong();
      assertThat(input).isEqualTo(largest);
    }
  }

  @Test
  void healthyControlQueriesAreIndexBackedAndFast(TestDatabase db) throws SQLException {
    Object[][] parameters = {{7L}, {"user7@example.com"}, {7L}, {7L}, {"SKU-0000007"}, {7L}};
    try (Connection c = db.connect()) {
      for (int i = 0; i < DemoQueries.HEALTHY.size(); i++) {
        String sql = DemoQueries.HEALTHY.get(i);
        Explain plan = Explain.analyze(c, sql, parameters[i]);
        assertThat(plan.nodes(type("Seq Scan"))).as(sql).isEmpty();
        assertThat(plan.nodes(n -> n.path("Node Type").asText().contains("Index"))).as(sql).isNotEmpty();
        assertThat(plan.executionMillis()).as(sql).isLessThan(20);
      }
    }
    assertThat(run("GET /users/{id}/profile").statements()).isEqualTo(150 * 6);
  }

  private static ScenarioRun run(String scenario) {
    return runs.stream().filter(r -> r.scenario().equals(scenario)).findFirst().orElseThrow();
  }

  /** Calls of one statement as pg_stat_statements normalized it (parameters as $n). */
  private static long calls(Connection c, String normalizedQuery) throws SQLException {
    try (var statement = c.prepareStatement(
        "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query = ?")) {
      statement.setString(1, normalizedQuery);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
