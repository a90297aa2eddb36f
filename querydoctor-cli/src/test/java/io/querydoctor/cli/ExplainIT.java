package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.demo.workload.DemoQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code querydoctor explain} on the demo database: planted plan problems are named with their fix. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ExplainIT {

  @BeforeAll
  static void buildDemo(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      new DemoDatabase(new DemoScale(0.2), ProgressListener.NONE).build(c);
    }
  }

  private static CliRun explain(TestDatabase db, String... more) {
    String[] args = new String[5 + more.length];
    args[0] = "explain";
    args[1] = "--url";
    args[2] = db.jdbcUrl();
    args[3] = "--user";
    args[4] = db.user();
    System.arraycopy(more, 0, args, 5, more.length);
    return CliRun.of(args);
  }

  @Test
  void sortWithTheDemoSessionsSmallWorkMemSpillsAndTheFixSaysHowMuchMemory(TestDatabase db) {
    CliRun run = explain(db, "-q", "--set", "work_mem=64kB", DemoQueries.USERS_SORTED_BY_NAME);

    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    assertThat(run.out()).contains("sort-spill").contains("work_mem");
    CliRun defaults = explain(db, "-q", DemoQueries.USERS_SORTED_BY_NAME);
    assertThat(defaults.out()).as("with the server's 4MB work_mem the sort fits").doesNotContain("sort-spill");
  }

  @Test
  void settingsThatGuardSafetyCannotBeChanged(TestDatabase db) {
    CliRun run = explain(db, "-q", "--set", "default_transaction_read_only=off", "SELECT 1");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("only planner and memory settings can be set");
    assertThat(explain(db, "-q", "--set", "no_such_setting=1", "SELECT 1").errorLine())
        .contains("unknown setting 'no_such_setting'");
  }

  @Test
  void unindexedForeignKeyLookupIsASeqScanWithTheIndexToCreate(TestDatabase db) {
    CliRun run = explain(db, "-q", DemoQueries.POSTS_OF_USER.replace("?", "7"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).contains("#1 Seq Scan on posts", "! [HIGH] seq-scan-large-table",
        "CREATE INDEX CONCURRENTLY ON posts (user_id);");
  }

  @Test
  void recentPostsOfAUserGetEqualityThenRangeColumns(TestDatabase db) {
    String sql = "SELECT id, title, created_at FROM posts WHERE user_id = 7 AND created_at >= '2026-01-01'"
        + " AND created_at < '2026-04-01' ORDER BY created_at DESC";
    CliRun run = explain(db, "-q", sql);

    // The planner may scan posts or range-scan its created_at index and filter; either way the fix is one index.
    assertThat(run.out()).as(run.err()).containsAnyOf("seq-scan-large-table", "inefficient-index-scan")
        .contains("CREATE INDEX CONCURRENTLY ON posts (user_id, created_at);");
  }

  @Test
  void dayCastIsNonSargableAndTheRangeRewriteIsGiven(TestDatabase db) {
    CliRun run = explain(db, "-q", "--show-literals", DemoQueries.POSTS_OF_DAY.replace("?", "'2026-03-14'"));

    assertThat(run.out()).as(run.err()).contains("non-sargable-predicate",
        "created_at >= '2026-03-14'::date AND created_at < '2026-03-14'::date + 1");

    // By default the literal is redacted everywhere, the plan tree printed before the report included.
    CliRun redacted = explain(db, "-q", DemoQueries.POSTS_OF_DAY.replace("?", "'2026-03-14'"));
    assertThat(redacted.out()).as(redacted.err()).doesNotContain("2026-03-14")
        .contains("created_at >= ?::date AND created_at < ?::date + ?", "Filter: ((created_at)::date = ?::date)");
  }

  @Test
  void staleStatisticsShowAsAMisestimateWithAnalyze(TestDatabase db) {
    CliRun run = explain(db, "-q", DemoQueries.PENDING_ORDERS_BY_COUNTRY.replace("?", "'DE'"));

    assertThat(run.out()).as(run.err()).contains("row-estimate-mismatch", "ANALYZE orders;");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT id, email, name FROM users WHERE id = 42",
      "SELECT id, body, created_at FROM comments WHERE post_id = 42 ORDER BY id LIMIT 20",
      "SELECT id, status, total FROM orders WHERE user_id = 42",
      "SELECT product_id, quantity, unit_price FROM order_items WHERE order_id = 42"})
  void healthyQueriesAreFine(String sql, TestDatabase db) {
    CliRun run = explain(db, "-q", sql);

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(run.out()).contains("The plan looks fine: no plan rule fired.", "No findings.");
  }

  @Test
  void writesAreOnlyPlannedAndTheReportSaysWhy(TestDatabase db) {
    CliRun run = explain(db, "-q", "UPDATE orders SET total = 0 WHERE user_id = 42");

    assertThat(run.out()).as(run.err()).contains("EXPLAIN (FORMAT JSON)", "--analyze-writes", "Skipped checks:");
  }

  @Test
  void analyzeWritesSaysWhichSequencesTheRolledBackRunAdvanced(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS audit_events (id bigserial PRIMARY KEY, note text)");
    }
    CliRun run = explain(db, "-q", "--analyze-writes", "INSERT INTO audit_events (note) VALUES ('x')");

    assertThat(run.out()).as(run.err())
        .contains("Note: the run was rolled back, but sequences are not: public.audit_events_id_seq advanced");
    CliRun nextval = explain(db, "-q", "--analyze-writes", "SELECT nextval('audit_events_id_seq')");
    assertThat(nextval.out()).as(nextval.err()).contains("not run: the statement calls nextval/setval");
  }

  @Test
  void theTimeoutCancelsALongStatement(TestDatabase db) {
    CliRun run = explain(db, "-q", "--timeout", "1", "SELECT pg_sleep(3)");

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).startsWith("querydoctor: database error: ERROR: canceling statement due to statement timeout");
  }

  @Test
  void chainedStatementsAreRefusedInOneLine(TestDatabase db) {
    CliRun run = explain(db, "-q", "SELECT 1; DROP TABLE users");

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).isEqualTo(
        "querydoctor: refusing to explain several statements chained with ';': give one statement");
  }

  @Test
  void aPlanFileIsAnalyzedWithoutADatabase(TestDatabase db, @TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.json");
    try (Connection c = db.connect(); Statement s = c.createStatement();
         var rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + DemoQueries.POSTS_OF_USER.replace("?", "7"))) {
      rs.next();
      Files.writeString(plan, rs.getString(1));
    }
    CliRun run = CliRun.of("explain", "--plan", plan.toString(), "--format", "json", "-q");

    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("target").asText()).isEqualTo(plan.toString());
    assertThat(report.get("findings").get(0).get("ruleId").asText()).isEqualTo("seq-scan-large-table");
  }

  @Test
  void aTextPlanFileIsAnalyzedLikeAJsonOne(TestDatabase db, @TempDir Path dir) throws Exception {
    Path plan = dir.resolve("plan.txt");
    StringBuilder text = new StringBuilder();
    try (Connection c = db.connect(); Statement s = c.createStatement();
         var rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + DemoQueries.POSTS_OF_USER.replace("?", "7"))) {
      while (rs.next()) {
        text.append(rs.getString(1)).append('\n');
      }
    }
    Files.writeString(plan, text);
    CliRun run = CliRun.of("explain", "--plan", plan.toString(), "--format", "json", "-q");

    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("findings").get(0).get("ruleId").asText()).isEqualTo("seq-scan-large-table");
  }

  @Test
  void aFileThatIsNotAPlanIsOneLineError(@TempDir Path dir) throws Exception {
    Path notPlan = dir.resolve("notes.txt");
    Files.writeString(notPlan, "hello");
    CliRun run = CliRun.of("explain", "--plan", notPlan.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).startsWith("querydoctor: not an EXPLAIN plan");
  }
}
