package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code querydoctor advise}: DDL only unless the database is declared a sandbox and --apply is given. */
@ExtendWith(EmbeddedPostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdviseIT {

  @BeforeAll
  static void workload(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("CREATE TABLE visits (id bigint PRIMARY KEY, user_id int NOT NULL, page text NOT NULL)");
      s.execute("INSERT INTO visits SELECT i, i % 5000, 'p' || (i % 97) FROM generate_series(1, 100000) i");
      s.execute("ANALYZE visits");
      s.execute("SELECT pg_stat_statements_reset()");
      try (PreparedStatement byUser = c.prepareStatement("SELECT id, page FROM visits WHERE user_id = ?")) {
        for (int i = 0; i < 30; i++) {
          byUser.setInt(1, i);
          try (ResultSet rs = byUser.executeQuery()) {
            while (rs.next()) {
              rs.getLong(1);
            }
          }
        }
      }
    }
  }

  @Test
  @Order(1)
  void withoutASandboxItBuildsNothingAndSaysHowToRunIt(TestDatabase db) {
    CliRun run = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("querydoctor: advise needs a what-if")
        .contains("--sandbox");
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  @Order(2)
  void applyWithoutSandboxIsRefused(TestDatabase db) {
    CliRun run = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--apply", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).contains("--apply needs --sandbox");
  }

  @Test
  @Order(3)
  void onASandboxItProvesTheIndexAndPrintsConcurrentDdl(TestDatabase db) throws Exception {
    CliRun run = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--format", "json",
        "-q");
    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    JsonNode finding = new ObjectMapper().readTree(run.out()).get("findings").get(0);
    assertThat(finding.get("ruleId").asText()).isEqualTo("missing-index");
    assertThat(finding.get("fix").get("sql").asText()).startsWith("CREATE INDEX CONCURRENTLY visits_user_id");
    assertThat(finding.get("verification").get("metric").asText()).isEqualTo("planner_cost");
    assertThat(indexCount(db)).as("nothing left behind").isEqualTo(1);
  }

  /** #30: a workload given as a file of statements reaches the advisor without pg_stat_statements. */
  @Test
  @Order(3)
  void aWorkloadFileIsAdvisedForAsItIs(TestDatabase db, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("workload.sql");
    java.nio.file.Files.writeString(file, "-- weight: 100\nSELECT id FROM visits WHERE page = 'p7' AND user_id > 4990;\n");
    CliRun run = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--workload",
        file.toString(), "--format", "json", "-q");
    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("findings")).as(run.out()).anySatisfy(f ->
        assertThat(f.get("fix").get("sql").asText()).contains("visits").contains("page"));
    // The same statement found in a server log (#30: every workload source reaches the advisor).
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      log.append(String.format("2026-11-21 06:%02d:00.000 UTC [4242] LOG:  duration: 35.100 ms  statement: "
          + "SELECT id FROM visits WHERE page = 'p%d' AND user_id > 4990%n", i, i % 7));
    }
    java.nio.file.Path logFile = dir.resolve("postgresql.log");
    java.nio.file.Files.writeString(logFile, log);
    CliRun fromLog = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--log",
        logFile.toString(), "--format", "json", "-q");
    assertThat(fromLog.exitCode()).as(fromLog.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    assertThat(new ObjectMapper().readTree(fromLog.out()).get("findings")).as(fromLog.out()).anySatisfy(f ->
        assertThat(f.get("fix").get("sql").asText()).contains("visits").contains("page"));
    CliRun empty = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--workload",
        dir.resolve("missing.sql").toString(), "-q");
    assertThat(empty.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(empty.errorLine()).contains("cannot read the workload file");
  }

  @Test
  @Order(4)
  void budgetTooSmallRejectsTheCandidateOverBudget(TestDatabase db) {
    CliRun run = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--budget", "8kB",
        "-q", "--no-color");
    assertThat(run.out()).contains("Rejected candidates:").contains("over budget");
    assertThat(run.out()).doesNotContain("CREATE INDEX");
    // Regression (#24): the HTML and JSON reports dropped the rejected candidates and the budget line.
    for (String format : new String[] {"html", "markdown", "json"}) {
      CliRun other = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--budget", "8kB",
          "-q", "--format", format);
      assertThat(other.out()).as(format).contains("over budget")
          .contains(format.equals("json") ? "\"budgetBytes\" : 8000" : "8,000 bytes");
    }
  }

  @Test
  @Order(5)
  void applyOnASandboxCreatesTheIndexAndReMeasures(TestDatabase db) throws Exception {
    CliRun run = CliRun.of("advise", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--apply", "-q",
        "--no-color");
    assertThat(run.out()).as(run.err()).contains("Applied on the sandbox:").contains("now");
    assertThat(indexCount(db)).isEqualTo(2);
  }

  private static int indexCount(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE tablename = 'visits'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
