package io.querydoctor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querydoctor.core.capture.CaptureFileReader;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The same N+1, through plain JDBC (driver URL) and through a HikariCP pool, on a real PostgreSQL. */
@ExtendWith(EmbeddedPostgresExtension.class)
class JdbcNPlusOneIT {

  @BeforeAll
  static void schema(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS post (id bigint PRIMARY KEY, title text)");
      st.execute("CREATE TABLE IF NOT EXISTS comment (id bigserial PRIMARY KEY, post_id bigint, body text)");
      st.execute("TRUNCATE post, comment");
      st.execute("INSERT INTO post SELECT g, 'post ' || g FROM generate_series(1, 12) g");
      st.execute("INSERT INTO comment (post_id, body) SELECT g % 12 + 1, 'c' || g FROM generate_series(1, 60) g");
    }
  }

  /** Lists posts with their comments, one query per post: the N+1 under test. */
  static int listPostsWithComments(Connection c) throws SQLException {
    List<Long> posts = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM post ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        posts.add(rs.getLong(1));
      }
    }
    int comments = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT id, body FROM comment WHERE post_id = ?")) {
      for (long post : posts) {
        ps.setLong(1, post);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            comments++;
          }
        }
      }
    }
    return comments;
  }

  private static Finding nPlusOne(CaptureSession session) {
    return session.findings().stream().filter(f -> f.ruleId().equals("n-plus-one")).findFirst().orElseThrow();
  }

  private static double evidence(Finding f, String name) {
    return f.evidence().stream().filter(e -> e.name().equals(name)).mapToDouble(Evidence::value).findFirst()
        .orElseThrow();
  }

  @Test
  void plainJdbcThroughTheDriverUrl(TestDatabase db, @TempDir Path dir) throws SQLException {
    Path file = dir.resolve("capture.jsonl");
    CaptureSession session = CaptureSession.start(CaptureOptions.builder().captureFile(file).build());
    CaptureSession previous = QueryDoctor.install(session);
    try {
      Properties props = new Properties();
      props.setProperty("user", db.user());
      String url = "jdbc:querydoctor:" + db.jdbcUrl().substring("jdbc:".length());
      for (int request = 0; request < 3; request++) {
        try (Scope scope = QueryDoctor.scope("GET /posts"); Connection c = DriverManager.getConnection(url, props)) {
          assertThat(listPostsWithComments(c)).isEqualTo(60);
        }
      }
    } finally {
      if (previous != null) {
        QueryDoctor.install(previous);
      }
      session.close();
    }
    Finding finding = nPlusOne(session);
    assertThat(finding.fix().sql()).isEqualTo("SELECT id, body FROM comment WHERE post_id = ANY (?)");
    assertThat(finding.title()).contains("comment by post_id", "12 queries per run",
        JdbcNPlusOneIT.class.getName() + ".listPostsWithComments(JdbcNPlusOneIT.java:");
    assertThat(evidence(finding, "scope_runs_affected")).isEqualTo(3);
    // A new physical connection per request is connection churn.
    assertThat(session.findings()).extracting(Finding::ruleId).contains("connection-churn");
    assertThat(session.aggregate().summaries()).filteredOn(s -> s.example().contains("FROM comment"))
        .singleElement().satisfies(s -> {
          assertThat(s.calls()).isEqualTo(36);
          assertThat(s.rows()).isEqualTo(180);
        });
    // The capture file replays to the same findings.
    assertThat(new CaptureFileReader().read(file).findings()).extracting(Finding::key)
        .containsExactlyInAnyOrderElementsOf(session.findings().stream().map(Finding::key).toList());
  }

  @Test
  void throughAHikariPool(TestDatabase db) throws SQLException {
    CaptureSession session = CaptureSession.start(CaptureOptions.defaults());
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.user());
    config.setMaximumPoolSize(2);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      DataSource ds = QueryDoctor.wrap(pool, WrapOptions.defaults().withSession(session));
      for (int request = 0; request < 5; request++) {
        try (Scope scope = session.scope("GET /posts"); Connection c = ds.getConnection()) {
          assertThat(listPostsWithComments(c)).isEqualTo(60);
        }
      }
    }
    Finding finding = nPlusOne(session);
    assertThat(evidence(finding, "scope_runs_affected")).isEqualTo(5);
    assertThat(finding.title()).contains(JdbcNPlusOneIT.class.getName());
    // Borrowing from the pool is not churn.
    assertThat(session.findings()).extracting(Finding::ruleId).doesNotContain("connection-churn");
  }

  @Test
  void theBatchedShapeIsSilent(TestDatabase db) throws SQLException {
    CaptureSession session = CaptureSession.start(CaptureOptions.defaults());
    DataSource ds = QueryDoctor.wrap(new SingleConnectionSource(db),
        WrapOptions.defaults().withSession(session).withPooled(true));
    try (Scope scope = session.scope("GET /posts"); Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, body FROM comment WHERE post_id = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("bigint", new Long[] {1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L}));
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
        }
      }
      assertThat(rows).isEqualTo(60);
    }
    assertThat(session.findings()).isEmpty();
  }

  /** A minimal DataSource over the test database (not a pool). */
  private record SingleConnectionSource(TestDatabase db) implements ConnectionSource {
    @Override
    public Connection getConnection() throws SQLException {
      return db.connect();
    }
  }
}
