package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.demo.workload.DemoQueries;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * #30: a JDBC capture of the demo's N+1 ("posts of each user", one query per user) reaches the index advisor,
 * from {@code advise --capture} and from {@code diagnose --capture} (with a {@code --symptom} too), even when
 * pg_stat_statements never saw it; so does a log's lookup by score ({@code --log}).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class AdviseCaptureIT {

  @TempDir
  static Path dir;

  private static Path capture;

  @BeforeAll
  static void captureTheNPlusOne(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint NOT NULL, title text NOT NULL, "
          + "created_at timestamptz NOT NULL, score int NOT NULL)");
      s.execute("INSERT INTO posts SELECT i, i % 4000, 'title ' || i, now() - i * interval '1 minute', i % 2000 "
          + "FROM generate_series(1, 80000) i");
      s.execute("ANALYZE posts");
    }
    capture = dir.resolve("app.capture.jsonl");
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setUrl(db.jdbcUrl());
    plain.setUser(db.user());
    try (CaptureSession session = CaptureSession.start(CaptureOptions.builder().captureFile(capture).build())) {
      DataSource captured = QueryDoctor.wrap(plain, WrapOptions.defaults().withSession(session).withPooled(true));
      try (Connection c = captured.getConnection(); Scope scope = session.scope("GET /users-with-posts")) {
        for (int user = 1; user <= 100; user++) {
          try (PreparedStatement posts = c.prepareStatement(DemoQueries.POSTS_OF_USER)) {
            posts.setLong(1, user);
            try (ResultSet rs = posts.executeQuery()) {
              while (rs.next()) {
                rs.getLong(1);
              }
            }
          }
        }
      }
    }
    // What the server counted is forgotten: the capture is the only source that saw the N+1.
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()),"
          + " 0)");
    }
  }

  @Test
  void adviseForACaptureProposesTheIndexTheNPlusOneNeeds(TestDatabase db) throws Exception {
    CliRun run = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--capture",
        capture.toString(), "--format", "json", "-q");
    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    JsonNode first = new ObjectMapper().readTree(run.out()).get("findings").get(0);
    assertThat(first.get("ruleId").asText()).as(run.out()).isEqualTo("missing-index");
    assertThat(first.get("fix").get("sql").asText()).contains("posts").contains("(user_id");
    assertThat(run.out()).as("literals stay redacted").doesNotContain("= 42");
  }

  @Test
  void diagnoseFeedsTheCapturedStatementsToItsAdvisor(TestDatabase db) throws Exception {
    CliRun without = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox",
        "--format", "json", "--fail-on", "none", "-q");
    assertThat(without.exitCode()).as(without.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(missingIndexOnPosts(without.out())).as(without.out()).isFalse();
    CliRun with = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--capture",
        capture.toString(), "--format", "json", "--fail-on", "none", "-q");
    assertThat(with.exitCode()).as(with.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(missingIndexOnPosts(with.out())).as(with.out()).isTrue();
  }

  @Test
  void diagnoseFeedsTheLoggedStatementsToItsAdvisor(TestDatabase db) throws Exception {
    Path logFile = scoreLookupLog();
    CliRun without = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox",
        "--format", "json", "--fail-on", "none", "-q");
    assertThat(indexOnPosts(without.out(), "score")).as(without.out()).isFalse();
    CliRun with = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--log",
        logFile.toString(), "--format", "json", "--fail-on", "none", "-q");
    assertThat(with.exitCode()).as(with.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(indexOnPosts(with.out(), "score")).as(with.out()).isTrue();
  }

  @Test
  void diagnoseWithASymptomFeedsTheLoggedAndCapturedStatementsToItsAdvisor(TestDatabase db) throws Exception {
    CliRun without = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--symptom",
        "after-deploy", "--format", "json", "--fail-on", "none", "-q");
    assertThat(without.exitCode()).as(without.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(indexOnPosts(without.out(), "score")).as(without.out()).isFalse();
    assertThat(missingIndexOnPosts(without.out())).as(without.out()).isFalse();
    CliRun with = CliRun.of("diagnose", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--symptom",
        "after-deploy", "--log", scoreLookupLog().toString(), "--capture", capture.toString(), "--format", "json",
        "--fail-on", "none", "-q");
    assertThat(with.exitCode()).as(with.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(indexOnPosts(with.out(), "score")).as(with.out()).isTrue();
    assertThat(missingIndexOnPosts(with.out())).as(with.out()).isTrue();
  }

  /** A PostgreSQL log of a lookup by score, a statement pg_stat_statements never saw. */
  private static Path scoreLookupLog() throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      log.append(String.format("2026-11-21 06:%02d:00.000 UTC [4242] LOG:  duration: 41.300 ms  statement: "
          + "SELECT id, title FROM posts WHERE score = %d%n", i, 1000 + i));
    }
    Path logFile = dir.resolve("postgresql.log");
    Files.writeString(logFile, log);
    return logFile;
  }

  @Test
  void aFileThatIsNotACaptureIsOneLineAndExitTwo(TestDatabase db) throws Exception {
    Path bad = dir.resolve("not-a-capture.jsonl");
    Files.writeString(bad, "SELECT 1;\nSELECT 2;\n");
    CliRun run = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--capture",
        bad.toString(), "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("not-a-capture.jsonl").contains("line 1");
    assertThat(run.err().strip().lines()).hasSize(1);
    CliRun missing = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--capture",
        dir.resolve("absent.jsonl").toString(), "-q");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(missing.errorLine()).contains("cannot read capture file");
  }

  private static boolean missingIndexOnPosts(String json) throws Exception {
    return indexOnPosts(json, "user_id");
  }

  private static boolean indexOnPosts(String json, String column) throws Exception {
    for (JsonNode f : new ObjectMapper().readTree(json).get("findings")) {
      if (f.get("ruleId").asText().equals("missing-index") && f.path("fix").path("sql").asText().contains("posts")
          && f.path("fix").path("sql").asText().contains("(" + column)) {
        return true;
      }
    }
    return false;
  }
}
