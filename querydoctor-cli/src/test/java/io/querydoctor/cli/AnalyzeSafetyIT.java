package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.demo.junit.PostgresMajors;
import io.querydoctor.demo.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code diagnose --analyze} on PostgreSQL 15, as a role that may not read the server log: a correlated-columns
 * misestimate (which needs actual rows) is found from the live database alone, and the server's own log of that
 * role's every statement ({@code log_statement = 'all'}) shows each EXPLAIN ANALYZE ran inside a read-only
 * transaction that was rolled back, and never on the INSERT … RETURNING, the SELECT … FOR UPDATE or the
 * function call of the same workload.
 */
class AnalyzeSafetyIT {

  private static final int MAJOR = 15;
  private static final String DATABASE = "analyzed";
  private static final String ROLE = "qd_analyze";

  private static final String CORRELATED = "SELECT i.id, o.name FROM item i JOIN owner o ON o.id = i.owner_id "
      + "WHERE i.a = ? AND i.b = ?";
  private static final String WRITE = "WITH moved AS (INSERT INTO audit SELECT id FROM item WHERE id < ? RETURNING id) "
      + "SELECT count(*) FROM moved";
  private static final String LOCK = "SELECT id, a FROM item WHERE owner_id = ? FOR UPDATE";
  private static final String SKEWED = "SELECT id, owner_id FROM item WHERE kind = ?";
  private static final String CALL = "SELECT bump(?), count(*) FROM item WHERE b = ?";

  private static EmbeddedServer server;

  @BeforeAll
  static void plant() throws Exception {
    var found = PostgresMajors.server(MAJOR);
    assumeTrue(found.isPresent(), PostgresMajors.missing(MAJOR));
    server = found.get();
    server.createDatabase(DATABASE);
    try (Connection c = server.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION pg_stat_statements");
      s.execute("CREATE ROLE " + ROLE + " LOGIN IN ROLE pg_monitor");
      s.execute("ALTER ROLE " + ROLE + " SET log_statement = 'all'");
      s.execute("CREATE TABLE owner (id int PRIMARY KEY, name text)");
      s.execute("INSERT INTO owner SELECT i, 'owner ' || i FROM generate_series(1, 5000) i");
      // a and b always equal, value 1 for 5 % of the rows: the planner multiplies the two 5 % and expects 20x too few.
      s.execute("CREATE TABLE item (id int PRIMARY KEY, owner_id int, a int, b int, kind int)");
      // kind: 90 % of the rows are kind 0, the rest spread over 100 kinds; the generic plan expects 1 % of any.
      s.execute("INSERT INTO item SELECT i, 1 + i % 5000, v, v, CASE WHEN i % 10 <> 0 THEN 0 ELSE i % 1000 END "
          + "FROM (SELECT i, CASE WHEN i % 20 = 0 THEN 1 ELSE 2 + i % 997 END AS v "
          + "FROM generate_series(1, 60000) i) g");
      s.execute("CREATE INDEX ON item (kind)");
      s.execute("CREATE TABLE audit (id int)");
      s.execute("CREATE FUNCTION bump(n int) RETURNS int LANGUAGE sql VOLATILE AS $$ SELECT n + 1 $$");
    }
    analyzeUntilFresh(server, DATABASE, "owner", "item");
    try (Connection c = server.connect(DATABASE); Statement s = c.createStatement()) {
      // Even a role that may write: --analyze must still run only the reads.
      s.execute("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " + ROLE);
      s.execute("SELECT pg_stat_statements_reset()");
    }
    try (Connection c = server.connect(DATABASE)) {
      c.setAutoCommit(false);
      for (int i = 0; i < 3; i++) {
        run(c, CORRELATED, 1, 1);
        run(c, WRITE, 100);
        run(c, LOCK, 7);
        run(c, CALL, 3, 1);
        run(c, SKEWED, 7);
      }
      c.rollback();
    }
  }

  /**
   * ANALYZE until the tables' change counters are zero: the inserts' counts reach the statistics system when the
   * inserting session flushes them (up to a second later, or when it ends), and counts arriving after the ANALYZE
   * would make the tables look stale (a different test).
   */
  static void analyzeUntilFresh(EmbeddedServer server, String database, String... tables) throws Exception {
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      analyzeUntilFresh(s, tables);
    }
  }

  /** Run from a session other than the one that changed the tables: a session's own counts reach the system late. */
  private static void analyzeUntilFresh(Statement s, String... tables) throws Exception {
    String list = "'" + String.join("', '", tables) + "'";
    for (int i = 0; i < 50; i++) {
      for (String table : tables) {
        s.execute("ANALYZE " + table);
      }
      try (ResultSet rs = s.executeQuery("SELECT bool_and(n_mod_since_analyze = 0) FROM pg_stat_user_tables "
          + "WHERE relname IN (" + list + ")")) {
        if (rs.next() && rs.getBoolean(1)) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the statistics of " + list + " stayed stale after ANALYZE");
  }

  private static void run(Connection c, String sql, Object... parameters) throws Exception {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }
  }

  private static JsonNode diagnose(String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("diagnose", "--url", server.jdbcUrl(DATABASE), "--user", ROLE,
        "--format", "json", "--fail-on", "none", "-q"));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "analyze-safety-" + more.length + ".json"), run.out());
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void withAnalyzeTheActualRowRulesFireWithoutAnyLogAndOnlyReadsRanInRolledBackReadOnlyTransactions()
      throws Exception {
    JsonNode report = diagnose("--analyze", "--analyze-budget", "20s");

    assertThat(rulesAbout(report, "i.a = $1 AND i.b = $2")).contains("row-estimate-mismatch");
    assertThat(ruleIds(report)).doesNotContain("stale-statistics");
    assertThat(skipped(report)).contains("the server log is not readable by role " + ROLE)
        .contains("does not only read").contains("volatile function bump");
    Thread.sleep(500);
    Map<String, List<String>> sessions = loggedStatements();
    List<String> analyzed = new ArrayList<>();
    sessions.values().forEach(statements -> {
      boolean readOnly = false;
      String prepared = "";
      boolean analyzedSinceBegin = false;
      for (String statement : statements) {
        if (statement.startsWith("SET TRANSACTION READ ONLY")) {
          readOnly = true;
        } else if (statement.startsWith("ROLLBACK")) {
          readOnly = false;
          analyzedSinceBegin = false;
        } else if (statement.startsWith("PREPARE ")) {
          prepared = statement;
        } else if (statement.startsWith("EXPLAIN (ANALYZE")) {
          assertThat(readOnly).as("read-only before " + statement).isTrue();
          analyzed.add(prepared);
          analyzedSinceBegin = true;
        }
        assertThat(statement).as("never committed").doesNotStartWith("COMMIT");
      }
      assertThat(analyzedSinceBegin).as("the last EXPLAIN ANALYZE was rolled back").isFalse();
    });
    assertThat(analyzed).anyMatch(p -> p.contains("i.a = $1 AND i.b = $2"));
    assertThat(analyzed).noneMatch(p -> p.contains("INSERT") || p.contains("FOR UPDATE") || p.contains("bump("));
  }

  @Test
  void aPlanForSampleValuesThatDiffersFromTheGenericPlanIsReportedBesideIt() throws Exception {
    JsonNode report = diagnose("--analyze");

    List<JsonNode> plans = new ArrayList<>();
    report.path("plans").forEach(p -> {
      if (p.path("query").asText().contains("WHERE kind = $1")) {
        plans.add(p);
      }
    });
    assertThat(plans).hasSize(2);
    assertThat(plans.get(0).path("analyzed").asBoolean()).isTrue();
    assertThat(plans.get(0).path("root").toString()).contains("Seq Scan on item");
    assertThat(plans.get(1).path("query").asText()).endsWith("-- generic plan");
    assertThat(plans.get(1).path("analyzed").asBoolean()).isFalse();
    assertThat(plans.get(1).path("root").toString()).contains("item_kind_idx");
  }

  @Test
  void withoutAnalyzeNothingRunsAndTheReportSaysWhatItWouldAdd() throws Exception {
    JsonNode report = diagnose();

    assertThat(rulesAbout(report, "i.a = $1 AND i.b = $2")).contains("seq-scan-large-table")
        .doesNotContain("row-estimate-mismatch");
    assertThat(skipped(report)).contains("--analyze would run the read-only ones with sample values");
  }

  private static final Pattern STATEMENT = Pattern.compile("\\[(\\d+)\\] LOG:  (?:statement|execute [^:]+): (.*)");

  /** The statements logged by log_statement, per server process, in order. */
  private static Map<String, List<String>> loggedStatements() throws Exception {
    Map<String, List<String>> sessions = new HashMap<>();
    try (Stream<Path> files = Files.list(server.dataDirectory().resolve("log"))) {
      for (Path file : files.sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          Matcher m = STATEMENT.matcher(line);
          if (m.find()) {
            sessions.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2).strip());
          }
        }
      }
    }
    sessions.values().removeIf(statements -> statements.stream().noneMatch(s -> s.startsWith("EXPLAIN (ANALYZE")));
    assertThat(sessions).as("sessions that ran EXPLAIN ANALYZE").isNotEmpty();
    return sessions;
  }

  /** Rule ids of the findings, and of those merged into them, whose text mentions {@code fragment}. */
  private static List<String> rulesAbout(JsonNode report, String fragment) {
    List<String> rules = new ArrayList<>();
    report.get("findings").forEach(f -> {
      if (f.toString().contains(fragment)) {
        rules.add(f.get("ruleId").asText());
      }
      f.path("supporting").forEach(m -> {
        if (m.toString().contains(fragment)) {
          rules.add(m.path("ruleId").asText());
        }
      });
    });
    return rules;
  }

  private static List<String> ruleIds(JsonNode report) {
    List<String> rules = new ArrayList<>();
    report.get("findings").forEach(f -> rules.add(f.get("ruleId").asText()));
    return rules;
  }

  private static String skipped(JsonNode report) {
    StringBuilder text = new StringBuilder();
    report.path("skipped").forEach(s -> text.append(s.path("check").asText()).append(": ")
        .append(s.path("reason").asText()).append('\n'));
    return text.toString();
  }
}
