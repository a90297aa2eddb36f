package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} and {@code diagnose} with a MariaDB URL, on the real embedded MariaDB: the same formats, exit
 * codes and redaction as on PostgreSQL, and, proved with the server's general query log, nothing but reads,
 * session settings and read-only transactions ran on behalf of the tool.
 */
@ExtendWith(EmbeddedMariaDbExtension.class)
class MariaDbCliIT {

  /** What the tool (and the driver for it) may send: reads, session settings, read-only transactions. */
  private static final Pattern ALLOWED = Pattern.compile(
      "(?is)^(/\\*.*?\\*/\\s*)*(SELECT|EXPLAIN FORMAT=JSON SELECT|SHOW|SET\\s+(SESSION\\s+)?"
      + "(?!GLOBAL|PERSIST)|START TRANSACTION READ ONLY$|ROLLBACK$)");

  @BeforeAll
  static void application(TestMariaDb db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE account (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100), plan INT, "
          + "KEY account_email (email), KEY account_email_id (email, id))");
      st.execute("INSERT INTO account (email, plan) SELECT CONCAT('user', seq, '@example.com'), seq % 4 "
          + "FROM seq_1_to_20000");
      for (int i = 0; i < 3; i++) {
        st.executeQuery("SELECT id FROM account WHERE plan = 3 AND email <> 'secret-literal@example.com'").close();
      }
    }
  }

  @Test
  void checkAndDiagnoseRunReadOnlyWithTheSameReports(TestMariaDb db) throws Exception {
    String url = db.url() + "?password=hunter2";
    List<String> logged;
    CliRun check;
    CliRun diagnose;
    CliRun text;
    try (Connection audit = db.connect(); Statement st = audit.createStatement()) {
      long own = connectionId(st);
      st.execute("SET GLOBAL log_output = 'TABLE'");
      st.execute("TRUNCATE TABLE mysql.general_log");
      st.execute("SET GLOBAL general_log = 1");
      try {
        check = CliRun.of("check", "--url", url, "--user", "root", "--format", "json", "-q");
        diagnose = CliRun.of("diagnose", "--url", url, "--user", "root", "--format", "json", "-q");
        text = CliRun.of("diagnose", "--url", url, "--user", "root", "--fail-on", "medium", "-q");
      } finally {
        st.execute("SET GLOBAL general_log = 0");
      }
      logged = statements(st, own);
      st.execute("SET GLOBAL log_output = 'FILE'");
    }
    assertThat(check.exitCode()).as(check.err()).isEqualTo(ExitCode.CLEAN);
    JsonNode checked = new ObjectMapper().readTree(check.out());
    assertThat(checked.get("target").asText()).isEqualTo(db.url());
    assertThat(rules(checked)).contains("duplicate-index").doesNotContain("seq-scan-large-table");

    assertThat(diagnose.exitCode()).as(diagnose.err()).isEqualTo(ExitCode.CLEAN);
    JsonNode diagnosed = new ObjectMapper().readTree(diagnose.out());
    assertThat(rules(diagnosed)).contains("duplicate-index", "seq-scan-large-table");
    assertThat(diagnosed.get("workload").get("digest").get("source").asText()).contains("performance_schema");
    // Redaction: literals become ? (the server's digest writes <> as !=), and the password is nowhere.
    assertThat(diagnose.out()).doesNotContain("secret-literal").contains("email != ?");
    assertThat(diagnose.out() + diagnose.err() + check.out() + check.err()).doesNotContain("hunter2");
    // The same exit-code contract: --fail-on medium fails on the medium duplicate index and full scan.
    assertThat(text.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(text.out()).contains("duplicate-index");

    assertThat(logged).as("statements the tool sent").isNotEmpty();
    assertThat(logged).as("statements other than reads, SET SESSION and read-only transactions")
        .filteredOn(sql -> !ALLOWED.matcher(sql.strip()).find()).isEmpty();
    assertThat(logged).anyMatch(sql -> sql.contains("SET SESSION TRANSACTION READ ONLY"))
        .anyMatch(sql -> sql.contains("max_statement_time"));
  }

  @Test
  void theSlowLogJoinsThePerformanceSchemaWorkloadByFingerprint(TestMariaDb db, @TempDir Path dir) throws Exception {
    Path slowLog = dir.resolve("slow.log");
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("SET GLOBAL log_output = 'FILE'");
      st.execute("SET GLOBAL slow_query_log_file = '" + slowLog + "'");
      st.execute("SET GLOBAL slow_query_log = 1");
      // MariaDB reads both per session: the application's session logs every statement.
      st.execute("SET SESSION slow_query_log = 1");
      st.execute("SET SESSION long_query_time = 0");
      try (PreparedStatement ps = c.prepareStatement("SELECT id, plan FROM account WHERE email = ?")) {
        for (int i = 1; i <= 30; i++) {
          ps.setString(1, "user" + i + "@example.com");
          ps.executeQuery().close();
        }
      }
      st.execute("SET GLOBAL slow_query_log = 0");
    }
    CliRun run = CliRun.of("diagnose", "--url", db.url(), "--user", "root", "--log", slowLog.toString(),
        "--format", "json", "-q");
    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    JsonNode digest = new ObjectMapper().readTree(run.out()).get("workload").get("digest");
    assertThat(digest.get("source").asText()).contains("performance_schema")
        .contains("p50, p95, p99 and max from the slow log");
    JsonNode lookup = null;
    for (JsonNode shape : digest.get("shapes")) {
      if (shape.get("example").asText().contains("WHERE email = ?")) {
        lookup = shape;
      }
    }
    assertThat(lookup).as("the lookup's shape").isNotNull();
    assertThat(lookup.get("calls").asLong()).isEqualTo(30);
    assertThat(lookup.has("p95Millis")).as("p95 from the slow log").isTrue();
  }

  private static List<String> rules(JsonNode report) {
    List<String> rules = new ArrayList<>();
    report.get("findings").forEach(f -> rules.add(f.get("ruleId").asText()));
    return rules;
  }

  private static long connectionId(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every statement text the general log holds from other connections than the test's own. */
  private static List<String> statements(Statement st, long own) throws SQLException {
    List<String> texts = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("SELECT command_type, CONVERT(argument USING utf8mb4) FROM mysql.general_log "
        + "WHERE thread_id <> " + own + " ORDER BY event_time")) {
      while (rs.next()) {
        String command = rs.getString(1).toLowerCase(Locale.ROOT);
        if (command.equals("query") || command.equals("prepare") || command.equals("execute")) {
          texts.add(rs.getString(2));
        }
      }
    }
    return texts;
  }
}
