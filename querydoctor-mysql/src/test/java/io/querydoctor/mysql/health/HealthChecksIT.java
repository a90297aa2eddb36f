package io.querydoctor.mysql.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.mysql.MySqlDiagnosis;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.connect.SafeExecutor;
import io.querydoctor.mysql.embedded.EmbeddedMariaDb;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every MySQL health check on the real embedded MariaDB: silent on a healthy schema with a realistic workload
 * (first, while the server-wide counters are clean), then firing on a schema with each problem planted.
 */
@ExtendWith(EmbeddedMariaDbExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthChecksIT {

  /** Sessions are judged in seconds here, as in the demo: the planted transaction is only a second old. */
  private static final MySqlThresholds THRESHOLDS = MySqlThresholds.defaults().with(Map.of(
      "idle-in-transaction", "1s", "lock-wait", "1s", "long-running-query", "1s"));

  @Test
  @Order(1)
  void silentOnAHealthySchema(TestMariaDb db) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE customer (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL, "
          + "created_at DATETIME NOT NULL, UNIQUE KEY customer_email (email))");
      st.execute("CREATE TABLE purchase (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NOT NULL, "
          + "total DECIMAL(10,2) NOT NULL, created_at DATETIME NOT NULL, "
          + "KEY purchase_customer_created (customer_id, created_at))");
      st.execute("INSERT INTO customer (email, created_at) SELECT CONCAT('c', seq, '@example.com'), "
          + "NOW() - INTERVAL seq HOUR FROM seq_1_to_2000");
      st.execute("INSERT INTO purchase (customer_id, total, created_at) SELECT seq % 2000 + 1, seq % 97, "
          + "NOW() - INTERVAL seq MINUTE FROM seq_1_to_20000");
      st.execute("ANALYZE TABLE customer, purchase");
      for (int i = 1; i <= 50; i++) {
        st.executeQuery("SELECT id FROM customer WHERE email = 'c" + i + "@example.com'").close();
        st.executeQuery("SELECT total FROM purchase WHERE customer_id = " + i + " ORDER BY created_at DESC LIMIT 5")
            .close();
      }
    }
    DiagnosisResults results = check(db.connect());
    assertThat(results.findings()).as("findings on a healthy schema").isEmpty();
    assertThat(results.skipped()).extracting(SkippedCheck::check).containsExactly("replication-lag");
    assertThat(results.skipped().get(0).reason()).contains("not a replica");
  }

  @Test
  @Order(2)
  void firesOnEachPlantedProblem(EmbeddedMariaDb server) throws Exception {
    String planted = server.createUniqueDatabase("planted");
    try (Connection c = server.connect(planted); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE product (id BIGINT AUTO_INCREMENT PRIMARY KEY, sku INT, category INT, brand INT, "
          + "price INT, KEY product_sku (sku), KEY product_sku_id (sku, id), KEY product_category (category), "
          + "KEY product_category_brand (category, brand), KEY product_price (price))");
      st.execute("INSERT INTO product (sku, category, brand, price) SELECT seq, seq % 20, seq % 7, seq % 500 "
          + "FROM seq_1_to_2000");
      st.execute("CREATE TABLE audit_log (at DATETIME, message VARCHAR(200))");
      st.execute("INSERT INTO audit_log SELECT NOW(), CONCAT('event ', seq) FROM seq_1_to_100");
      st.execute("CREATE TABLE event (id BIGINT AUTO_INCREMENT PRIMARY KEY, kind INT) "
          + "STATS_PERSISTENT=1 STATS_AUTO_RECALC=0");
      st.execute("INSERT INTO event (kind) SELECT seq % 5 FROM seq_1_to_1000");
      st.execute("ANALYZE TABLE event");
      st.execute("INSERT INTO event (kind) SELECT seq % 5 FROM seq_1_to_5000");
      st.execute("CREATE TABLE ticket (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20))");
      st.execute("ALTER TABLE ticket AUTO_INCREMENT = 2000000000");
      st.execute("INSERT INTO ticket (note) VALUES ('almost out')");
      st.execute("CREATE TABLE attachment (id BIGINT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(2000))");
      st.execute("INSERT INTO attachment (body) SELECT REPEAT('x', 1500) FROM seq_1_to_24000");
      st.execute("DELETE FROM attachment WHERE id > 2400");
      st.execute("SET GLOBAL innodb_max_purge_lag_wait = 0");
      st.execute("CREATE TABLE note (id BIGINT AUTO_INCREMENT PRIMARY KEY, body TEXT)");
      st.execute("INSERT INTO note (body) SELECT CONCAT('n', seq % 10) FROM seq_1_to_100");
      // The ratio is server-wide: enough disk tables for half of all, whatever the JVM's earlier tests created.
      long tables = status(st, "Created_tmp_tables");
      long onDisk = status(st, "Created_tmp_disk_tables");
      for (long i = 0; i < Math.max(150, tables - 2 * onDisk + 10); i++) {
        st.executeQuery("SELECT body, COUNT(*) FROM note GROUP BY body").close();
      }
      st.execute("SET GLOBAL max_connections = 12");
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Connection> crowd = new ArrayList<>();
    DiagnosisResults results;
    try (Connection holder = server.connect(planted); Statement hold = holder.createStatement()) {
      for (int i = 0; i < 7; i++) {
        crowd.add(server.connect(planted));
      }
      hold.execute("START TRANSACTION");
      hold.executeQuery("SELECT * FROM product WHERE id = 1 FOR UPDATE").close();
      CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> run(server, planted,
          "UPDATE product SET price = price + 1 WHERE id = 1"), pool);
      CompletableFuture<Void> sleeper = CompletableFuture.runAsync(() -> run(server, planted,
          "SELECT SLEEP(4)"), pool);
      Thread.sleep(2_200);
      results = check(server.connect(planted));
      holder.rollback();
      waiter.join();
      sleeper.join();
    } finally {
      for (Connection c : crowd) {
        c.close();
      }
      pool.shutdown();
      try (Connection c = server.connect(planted); Statement st = c.createStatement()) {
        st.execute("SET GLOBAL max_connections = 100");
      }
    }
    List<Finding> findings = results.findings();
    assertThat(findings).extracting(Finding::ruleId).contains("duplicate-index", "redundant-index",
        "unused-index", "missing-primary-key", "stale-statistics", "table-fragmentation",
        "auto-increment-exhaustion", "connection-saturation", "idle-in-transaction", "lock-contention",
        "long-running-query", "tmp-tables-on-disk");
    assertThat(one(findings, "duplicate-index").title()).contains("product_sku_id duplicates product_sku");
    assertThat(one(findings, "duplicate-index").detail()).contains("InnoDB appends the primary key");
    assertThat(one(findings, "redundant-index").title()).contains("product_category is a left prefix of "
        + "product_category_brand");
    assertThat(one(findings, "redundant-index").fix().sql()).contains("DROP INDEX `product_category`");
    assertThat(one(findings, "missing-primary-key").subject().name()).isEqualTo(planted + ".audit_log");
    assertThat(one(findings, "stale-statistics").subject().name()).isEqualTo(planted + ".event");
    assertThat(one(findings, "stale-statistics").fix().sql()).contains("ANALYZE TABLE", "STATS_AUTO_RECALC=1");
    assertThat(one(findings, "table-fragmentation").fix().sql()).contains("OPTIMIZE TABLE");
    assertThat(one(findings, "auto-increment-exhaustion").severity()).isEqualTo(Severity.HIGH);
    assertThat(one(findings, "lock-contention").detail()).contains("FOR UPDATE");
    assertThat(one(findings, "lock-contention").detail()).doesNotContain("= 1 ");
    // The server started seconds ago: never-read indexes are reported, as info with the uptime.
    assertThat(findings).filteredOn(f -> f.ruleId().equals("unused-index")).extracting(Finding::severity)
        .containsOnly(Severity.INFO);
    assertThat(findings).filteredOn(f -> f.ruleId().equals("unused-index"))
        .extracting(f -> f.subject().name()).contains(planted + ".product.product_price");
  }

  private static Finding one(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.ruleId().equals(rule)).findFirst().orElseThrow();
  }

  private static void run(EmbeddedMariaDb server, String database, String sql) {
    try (Connection c = server.connect(database); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DiagnosisResults check(Connection connection) throws Exception {
    try (SafeExecutor executor = new SafeExecutor(connection)) {
      MySqlTarget target = MySqlDiagnosis.describe(executor);
      DiagnosisResults results = new DiagnosisResults();
      new MySqlHealthAnalyzer(THRESHOLDS).analyze(target, results);
      return results;
    }
  }

  private static long status(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
      return rs.next() ? rs.getLong(2) : 0;
    }
  }
}
