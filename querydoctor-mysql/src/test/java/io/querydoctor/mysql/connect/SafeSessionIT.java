package io.querydoctor.mysql.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The safe session on a real MariaDB, and the capture layer in front of MariaDB Connector/J. */
@ExtendWith(EmbeddedMariaDbExtension.class)
class SafeSessionIT {

  @BeforeAll
  static void schema(TestMariaDb db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE post (id BIGINT PRIMARY KEY, title VARCHAR(100))");
      st.execute("CREATE TABLE comment (id BIGINT AUTO_INCREMENT PRIMARY KEY, post_id BIGINT, body VARCHAR(100))");
      st.execute("INSERT INTO post SELECT seq, CONCAT('post ', seq) FROM seq_1_to_12");
      st.execute("INSERT INTO comment (post_id, body) SELECT seq % 12 + 1, CONCAT('c', seq) FROM seq_1_to_60");
    }
  }

  @Test
  void theSessionIsReadOnlyWithTimeLimits(TestMariaDb db) throws SQLException {
    try (SafeExecutor executor = new SafeExecutor(db.connect(), Duration.ofSeconds(7), Duration.ofSeconds(3))) {
      assertThat(executor.server().isMariaDb()).isTrue();
      assertThat(executor.server().atLeast(10, 6, 0)).isTrue();
      Map<String, String> session = Map.of(
          "max_statement_time", scalar(executor, "SELECT @@SESSION.max_statement_time"),
          "lock_wait_timeout", scalar(executor, "SELECT @@SESSION.lock_wait_timeout"),
          "innodb_lock_wait_timeout", scalar(executor, "SELECT @@SESSION.innodb_lock_wait_timeout"),
          "tx_read_only", scalar(executor, "SELECT @@SESSION.transaction_read_only"));
      assertThat(session).containsEntry("lock_wait_timeout", "3").containsEntry("innodb_lock_wait_timeout", "3")
          .containsEntry("tx_read_only", "1");
      assertThat(Double.parseDouble(session.get("max_statement_time"))).isEqualTo(7.0);
      assertThat(executor.<Long>queryOne("SELECT COUNT(*) FROM post", rs -> rs.getLong(1))).isEqualTo(12L);
      // Through the executor nothing writes: a read-only transaction refuses it.
      assertThatThrownBy(() -> executor.query("DELETE FROM post RETURNING id", rs -> rs.getLong(1)))
          .isInstanceOf(SQLException.class).hasMessageContaining("READ ONLY");
      // Nor does anything written on the bare connection outside the executor's transactions.
      try (Statement raw = executor.connection().createStatement()) {
        assertThatThrownBy(() -> raw.executeUpdate("DELETE FROM post")).isInstanceOf(SQLException.class);
      }
      assertThat(executor.<Long>queryOne("SELECT COUNT(*) FROM post", rs -> rs.getLong(1))).isEqualTo(12L);
    }
  }

  @Test
  void aStatementPastTheTimeLimitIsStopped(TestMariaDb db) throws SQLException {
    try (SafeExecutor executor = new SafeExecutor(db.connect(), Duration.ofMillis(300), Duration.ofSeconds(1))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> executor.query("SELECT SLEEP(5) FROM post", rs -> rs.getInt(1)))
          .isInstanceOf(SQLException.class).hasMessageContaining("max_statement_time");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void theCaptureLayerWrapsMariaDbConnectorJ(TestMariaDb db) throws SQLException {
    CaptureSession session = CaptureSession.start(CaptureOptions.defaults());
    CaptureSession previous = QueryDoctor.install(session);
    try {
      Properties props = new Properties();
      props.setProperty("user", "root");
      // Both spellings: the documented jdbc:querydoctor:mariadb:… and jdbc:querydoctor:jdbc:mariadb:….
      for (String url : new String[] {"jdbc:querydoctor:" + db.url().substring("jdbc:".length()),
          "jdbc:querydoctor:" + db.url()}) {
        for (int request = 0; request < 2; request++) {
          try (Scope scope = QueryDoctor.scope("GET /posts"); Connection c = DriverManager.getConnection(url, props)) {
            assertThat(postsWithComments(c)).isEqualTo(60);
          }
        }
      }
    } finally {
      if (previous != null) {
        QueryDoctor.install(previous);
      }
      session.close();
    }
    Finding nPlusOne = session.findings().stream().filter(f -> f.ruleId().equals("n-plus-one")).findFirst()
        .orElseThrow();
    assertThat(nPlusOne.title()).contains("comment by post_id");
    assertThat(session.aggregate().summaries()).filteredOn(s -> s.example().contains("FROM comment"))
        .singleElement().satisfies(s -> assertThat(s.calls()).isEqualTo(48));
  }

  private static int postsWithComments(Connection c) throws SQLException {
    int comments = 0;
    try (Statement st = c.createStatement(); ResultSet posts = st.executeQuery("SELECT id FROM post ORDER BY id");
        PreparedStatement ps = c.prepareStatement("SELECT id, body FROM comment WHERE post_id = ?")) {
      while (posts.next()) {
        ps.setLong(1, posts.getLong(1));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            comments++;
          }
        }
      }
    }
    return comments;
  }

  private static String scalar(SafeExecutor executor, String sql) throws SQLException {
    return executor.queryOne(sql, rs -> rs.getString(1));
  }
}
