package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.demo.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code diagnose --log FILE} on a real log: an embedded PostgreSQL logging every statement
 * ({@code log_min_duration_statement = 0}) and its plans ({@code auto_explain}, JSON), then diagnosed with
 * that log. The log is kept as {@code target/diagnose-log-it/postgresql.log} to look at.
 */
class DiagnoseLogIT {

  private static final String SLOW_SQL = "SELECT pg_sleep(0.15), 'slow-literal-42'";

  private static final String SORT_SQL = "SELECT id, payload FROM event WHERE kind < 900 ORDER BY payload";
  private static final String TEXT_PLAN_SQL = "SELECT count(*) FROM event WHERE payload <> 'text-plan'";

  private static EmbeddedServer server;
  private static Path log;

  @BeforeAll
  static void logAWorkload() throws Exception {
    server = EmbeddedServer.start(Files.createTempDirectory("querydoctor-pg-log-"), Map.of(
        "logging_collector", "on",
        "log_directory", "log",
        "log_filename", "postgresql.log",
        "log_timezone", "UTC"));
    String database = server.createDatabase("logged");
    // Settings with spaces cannot go through the server's command line (pg_ctl -o): set and reload them.
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("ALTER SYSTEM SET log_line_prefix = '%m [%p] %q%u@%d '");
      s.execute("ALTER SYSTEM SET log_min_duration_statement = 0");
      s.execute("ALTER SYSTEM SET auto_explain.log_min_duration = 0");
      s.execute("ALTER SYSTEM SET auto_explain.log_analyze = on");
      s.execute("ALTER SYSTEM SET auto_explain.log_format = 'json'");
      s.execute("SELECT pg_reload_conf()");
    }
    Thread.sleep(300);
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE event (id int PRIMARY KEY, kind int, payload text)");
      s.execute("INSERT INTO event SELECT g, g % 1000, md5(g::text) FROM generate_series(1, 60000) g");
      s.execute("ANALYZE event");
      for (int i = 0; i < 3; i++) {
        s.execute(SLOW_SQL);
      }
      s.execute("SET work_mem = '64kB'");
      for (int i = 0; i < 2; i++) {
        s.execute(SORT_SQL.replace("900", String.valueOf(900 + i)));
      }
      s.execute("RESET work_mem");
      for (int i = 0; i < 5; i++) {
        s.execute("SELECT id FROM event WHERE payload = 'nope-" + i + "'");
      }
    }
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("ALTER SYSTEM SET auto_explain.log_format = 'text'");
      s.execute("SELECT pg_reload_conf()");
    }
    Thread.sleep(300);
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute(TEXT_PLAN_SQL);
      // A lookup only the server's log keeps: pg_stat_statements forgets it (#30, the log feeds the advisor).
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("CREATE TABLE ticket (id int PRIMARY KEY, code int NOT NULL, note text)");
      s.execute("INSERT INTO ticket SELECT g, g % 20000, md5(g::text) FROM generate_series(1, 60000) g");
      s.execute("ANALYZE ticket");
      for (int i = 0; i < 20; i++) {
        s.execute("SELECT id, note FROM ticket WHERE code = " + (100 + i));
      }
      s.execute("SELECT pg_stat_statements_reset(0, 0, queryid) FROM pg_stat_statements "
          + "WHERE query LIKE '%FROM ticket WHERE code%'");
      s.execute("SELECT 'ticket-logged'");
    }
    log = server.dataDirectory().resolve("log").resolve("postgresql.log");
    // The collector writes asynchronously: wait until the last statement is in the file.
    for (int i = 0; i < 100 && !Files.readString(log).contains("ticket-logged"); i++) {
      Thread.sleep(50);
    }
    Path kept = Path.of("target", "diagnose-log-it");
    Files.createDirectories(kept);
    Files.copy(log, kept.resolve("postgresql.log"), StandardCopyOption.REPLACE_EXISTING);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void slowShapesOfTheLogAreFindingsAboutTheirFingerprint() throws Exception {
    JsonNode report = diagnose();

    String slowId = SqlFingerprinter.of(SqlDialect.POSTGRESQL).fingerprint(SLOW_SQL).id();
    List<JsonNode> slow = withRule(report, "slow-query");
    assertThat(slow).extracting(f -> f.at("/subject/kind").asText()).containsOnly("fingerprint");
    assertThat(slow).extracting(f -> f.at("/subject/name").asText()).contains(slowId);
    assertThat(report.toString()).doesNotContain("slow-literal-42");
  }

  @Test
  void theWorkloadSectionComesFromTheLog() throws Exception {
    JsonNode report = diagnose();

    JsonNode digest = report.at("/workload/digest");
    assertThat(digest.at("/source").asText()).contains("postgresql.log");
    assertThat(digest.at("/statements").asLong()).isGreaterThanOrEqualTo(13);
    assertThat(digest.at("/parse/skipped").asLong(0)).isZero();
    List<String> examples = new ArrayList<>();
    digest.at("/shapes").forEach(shape -> examples.add(shape.at("/example").asText()));
    assertThat(examples).anyMatch(e -> e.contains("pg_sleep"));
  }

  @Test
  void jsonPlansInTheLogArePlanFindingsConcerningTheirFingerprint() throws Exception {
    JsonNode report = diagnose();

    String sortId = SqlFingerprinter.of(SqlDialect.POSTGRESQL).fingerprint(SORT_SQL).id();
    List<JsonNode> spills = withRule(report, "sort-spill");
    assertThat(spills).isNotEmpty();
    assertThat(spills).anySatisfy(
        f -> assertThat(f.at("/subject/name").asText() + f.path("concerns")).contains(sortId));
    assertThat(spills.get(0).get("detail").asText()).contains("auto_explain");
    assertThat(withRule(report, "seq-scan-large-table")).isNotEmpty();
  }

  @Test
  void textPlansAreAnalyzedNotSkipped() throws Exception {
    JsonNode report = diagnose();

    assertThat(String.valueOf(report.get("skipped"))).doesNotContain("log-plans");
  }

  @Test
  void digestReportsThePlanFindingsToo() throws Exception {
    CliRun run = CliRun.of("digest", "--format", "json", "--fail-on", "none", "-q", log.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    JsonNode report = new ObjectMapper().readTree(run.out());

    assertThat(withRule(report, "sort-spill")).isNotEmpty();
    assertThat(withRule(report, "slow-query")).isNotEmpty();
  }

  @Test
  void theServerLogsStatementsReachTheAdvisorWhenNoLogIsGiven() throws Exception {
    CliRun fromServerLog = CliRun.of("diagnose", "--url", server.jdbcUrl("logged"), "--user",
        EmbeddedServer.SUPERUSER, "--sandbox", "--format", "json", "--fail-on", "none", "-q");
    assertThat(fromServerLog.exitCode()).as(fromServerLog.err()).isEqualTo(ExitCode.CLEAN);
    JsonNode report = new ObjectMapper().readTree(fromServerLog.out());
    assertThat(report.at("/workload/digest/source").asText()).as("the server log was read")
        .contains("querydoctor-server-log");
    assertThat(indexOnTicketCode(report)).as(fromServerLog.out()).isTrue();

    CliRun withoutServerLog = CliRun.of("diagnose", "--url", server.jdbcUrl("logged"), "--user",
        EmbeddedServer.SUPERUSER, "--sandbox", "--no-server-log", "--format", "json", "--fail-on", "none", "-q");
    assertThat(withoutServerLog.exitCode()).as(withoutServerLog.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(indexOnTicketCode(new ObjectMapper().readTree(withoutServerLog.out())))
        .as(withoutServerLog.out()).isFalse();
  }

  private static boolean indexOnTicketCode(JsonNode report) {
    return withRule(report, "missing-index").stream()
        .anyMatch(f -> f.at("/fix/sql").asText().matches("(?s).*ticket.*\\(code.*"));
  }

  @Test
  void aMissingLogIsAOneLineErrorBeforeConnecting() {
    CliRun run = CliRun.of("diagnose", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--log", "/nonexistent/pg.log",
        "-q");

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("no such file").contains("/nonexistent/pg.log");
  }

  static List<JsonNode> withRule(JsonNode report, String rule) {
    List<JsonNode> found = new ArrayList<>();
    report.get("findings").forEach(f -> {
      if (f.get("ruleId").asText().equals(rule)) {
        found.add(f);
      }
    });
    return found;
  }

  private static JsonNode diagnose() throws Exception {
    CliRun run = CliRun.of("diagnose", "--url", server.jdbcUrl("logged"), "--user", EmbeddedServer.SUPERUSER,
        "--log", log.toString(), "--format", "json", "--fail-on", "none", "-q");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    return new ObjectMapper().readTree(run.out());
  }
}
