package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.demo.junit.PostgresMajors;
import io.querydoctor.demo.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plan-level problems found by {@code diagnose --url} alone on the PostgreSQL majors users run: a non-sargable
 * filter, a missing index, a stale-statistics misestimate, a top-N sort over a whole table and a sort spilling
 * to disk, planted on a small database of each major ({@link PostgresMajors}: 13, 14, 15 from copied binaries,
 * 17 from the class path). As the superuser the server's own log is read too (so the misestimate, which needs
 * actual rows, is found from its auto_explain plans); as a pg_monitor role it is a skipped check naming the
 * grant, and the plan problems are still found from the generic plans (the role has SELECT on the tables, as
 * the application's read-only role would: EXPLAIN needs it).
 */
class PlanProblemsAcrossVersionsIT {

  private static final String DATABASE = "planted";
  private static final String MONITOR = "qd_monitor";
  private static final String LOG_READER = "qd_log_reader";
  private static final Map<Integer, EmbeddedServer> PLANTED = new ConcurrentHashMap<>();

  private static final String NON_SARGABLE = "SELECT id FROM item WHERE created_at::date = ?";
  private static final String MISSING_INDEX = "SELECT id, sku FROM item WHERE owner_id = ?";
  private static final String TOP_N = "SELECT id, sku FROM item ORDER BY body LIMIT 10";
  private static final String SPILL = "SELECT id, body FROM item WHERE owner_id < ? ORDER BY body, id";
  /** Sent with its literal inline, so the log holds the real value; its custom plan differs from the generic. */
  private static final String SKEWED = "SELECT id, sku, body FROM item WHERE kind = 'common' ORDER BY body";
  private static final String STALE = "SELECT t.id, c.name FROM ticket t JOIN customer c ON c.id = t.customer_id "
      + "WHERE t.status = ?";

  private static EmbeddedServer planted(int major) throws Exception {
    EmbeddedServer running = PLANTED.get(major);
    if (running != null) {
      return running;
    }
    var server = PostgresMajors.server(major);
    assumeTrue(server.isPresent(), PostgresMajors.missing(major));
    EmbeddedServer s = server.get();
    s.createDatabase(DATABASE);
    try (Connection c = s.connect(DATABASE); Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION pg_stat_statements");
      st.execute("CREATE ROLE " + MONITOR + " LOGIN IN ROLE pg_monitor");
      st.execute("CREATE TABLE item (id int PRIMARY KEY, owner_id int, sku text, body text, created_at timestamp, "
          + "kind text)");
      // kind: 90 % 'common', the rest spread over 100 kinds: the generic plan expects 1 % of any kind.
      st.execute("INSERT INTO item SELECT i, i % 5000, 'sku-' || i, md5(i::text) || md5((i * 7)::text), "
          + "timestamp '2026-01-01' + i * interval '1 minute', CASE WHEN i % 10 <> 0 THEN 'common' "
          + "ELSE 'k' || i % 1000 END FROM generate_series(1, 60000) i");
      st.execute("CREATE INDEX ON item (created_at)");
      st.execute("CREATE INDEX ON item (kind)");
      st.execute("CREATE TABLE customer (id int PRIMARY KEY, name text)");
      st.execute("INSERT INTO customer SELECT i, 'customer ' || i FROM generate_series(1, 20000) i");
      // Stale statistics: analyzed while nothing was pending, then 20 000 pending tickets arrive unseen.
      st.execute("CREATE TABLE ticket (id int PRIMARY KEY, customer_id int, status text) "
          + "WITH (autovacuum_enabled = off)");
      st.execute("INSERT INTO ticket SELECT i, 1 + i % 20000, 'done' FROM generate_series(1, 40000) i");
    }
    AnalyzeSafetyIT.analyzeUntilFresh(s, DATABASE, "item", "customer", "ticket");
    try (Connection c = s.connect(DATABASE); Statement st = c.createStatement()) {
      st.execute("INSERT INTO ticket SELECT i, 1 + i % 20000, 'pending' FROM generate_series(40001, 60000) i");
      // The read-only application role the docs recommend: pg_monitor and SELECT, nothing to read files with.
      st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + MONITOR);
      st.execute("CREATE ROLE qd_plain LOGIN");
      st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO qd_plain");
      // The grants docs/permissions.md gives for reading the log: pg_monitor and EXECUTE on pg_read_binary_file.
      st.execute("CREATE ROLE " + LOG_READER + " LOGIN IN ROLE pg_monitor");
      st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + LOG_READER);
      st.execute("GRANT EXECUTE ON FUNCTION pg_read_binary_file(text, bigint, bigint, boolean) TO " + LOG_READER);
      st.execute("SELECT pg_stat_statements_reset()");
    }
    try (Connection c = s.connect(DATABASE)) {
      for (int i = 0; i < 5; i++) {
        run(c, NON_SARGABLE, LocalDate.of(2026, 1, 2 + i));
        run(c, MISSING_INDEX, i);
        run(c, TOP_N);
        run(c, STALE, "pending");
        run(c, SKEWED);
      }
      try (Statement st = c.createStatement()) {
        st.execute("SET work_mem = '64kB'");
      }
      run(c, SPILL, 4000);
      run(c, SPILL, 4500);
    }
    PLANTED.put(major, s);
    return s;
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

  private static JsonNode diagnose(EmbeddedServer server, String user, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("diagnose", "--url", server.jdbcUrl(DATABASE), "--user", user,
        "--format", "json", "--fail-on", "none", "-q"));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    return new ObjectMapper().readTree(run.out());
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {13, 14, 15, 17})
  void theSuperuserGetsEveryPlantedPlanProblemFromTheUrlAlone(int major) throws Exception {
    JsonNode report = diagnose(planted(major), EmbeddedServer.SUPERUSER);

    assertThat(rulesAbout(report, "created_at::date")).as(skipped(report)).contains("non-sargable-predicate");
    assertThat(rulesAbout(report, "owner_id = $1")).as(skipped(report)).contains("seq-scan-large-table");
    assertThat(rulesAbout(report, "ORDER BY body LIMIT")).as(skipped(report)).contains("top-n-full-sort");
    assertThat(rulesAbout(report, "ORDER BY body, id")).as(skipped(report)).contains("sort-spill");
    assertThat(rulesAbout(report, "t.status")).as(skipped(report)).contains("row-estimate-mismatch");
    assertThat(ruleIds(report)).contains("stale-statistics");
    assertThat(skipped(report)).doesNotContain("server-log").doesNotContain("GENERIC_PLAN");
    assertThat(report.at("/workload/digest/source").asText()).contains("querydoctor-server-log-");
    assertThat(plansOf(report, "WHERE kind = $1")).as("the logged value's plan and the generic one")
        .extracting(p -> p.path("query").asText()).anyMatch(q -> q.endsWith("-- generic plan")).hasSize(2);
    assertThat(report.toString()).doesNotContain("'common'");
  }

  private static List<JsonNode> plansOf(JsonNode report, String fragment) {
    List<JsonNode> plans = new ArrayList<>();
    report.path("plans").forEach(p -> {
      if (p.path("query").asText().contains(fragment)) {
        plans.add(p);
      }
    });
    return plans;
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {13, 15, 17})
  void aRoleThatMayNotReadTheLogIsToldWhichGrantGivesItAndStillGetsThePlanProblems(int major) throws Exception {
    JsonNode report = diagnose(planted(major), MONITOR);

    assertThat(skipped(report)).contains("server-log: the server log is not readable by role " + MONITOR)
        .contains("GRANT EXECUTE ON FUNCTION pg_read_binary_file");
    assertThat(rulesAbout(report, "created_at::date")).contains("non-sargable-predicate");
    assertThat(rulesAbout(report, "owner_id = $1")).contains("seq-scan-large-table");
    assertThat(rulesAbout(report, "ORDER BY body LIMIT")).contains("top-n-full-sort");
    assertThat(rulesAbout(report, "ORDER BY body, id")).contains("sort-spill");
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {13, 15, 17})
  void aRoleWithTheDocumentedGrantsReadsTheLogWithoutBeingSuperuser(int major) throws Exception {
    JsonNode report = diagnose(planted(major), LOG_READER);

    assertThat(skipped(report)).doesNotContain("server-log");
    assertThat(report.at("/workload/digest/source").asText()).contains("querydoctor-server-log-");
    assertThat(rulesAbout(report, "t.status")).as(skipped(report)).contains("row-estimate-mismatch");
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {13, 17})
  void aRoleWithoutAnyMonitoringGrantIsToldWhatToGrantNotAFailure(int major) throws Exception {
    JsonNode report = diagnose(planted(major), "qd_plain");

    assertThat(skipped(report)).contains("server-log: the server log is not readable by role qd_plain: GRANT "
        + "pg_monitor TO qd_plain");
    assertThat(skipped(report)).contains("statements of other roles are hidden from this role")
        .contains("GRANT pg_read_all_stats");
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {15})
  void anExplicitLogWinsOverTheServersOwn(int major) throws Exception {
    java.nio.file.Path empty = java.nio.file.Files.createTempFile("qd-empty-", ".log");
    java.nio.file.Files.writeString(empty, "2026-12-06 12:00:00.000 UTC [1] LOG:  duration: 1.000 ms  statement: "
        + "SELECT 1\n");
    JsonNode report = diagnose(planted(major), EmbeddedServer.SUPERUSER, "--log", empty.toString());

    assertThat(report.at("/workload/digest/source").asText()).contains(empty.getFileName().toString())
        .doesNotContain("querydoctor-server-log-");
  }

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {13, 15, 17})
  void withAnalyzeTheMisestimateIsFoundWithoutTheLogToo(int major) throws Exception {
    JsonNode report = diagnose(planted(major), MONITOR, "--analyze");

    assertThat(skipped(report)).contains("server-log: the server log is not readable");
    assertThat(rulesAbout(report, "t.status")).as(skipped(report)).contains("row-estimate-mismatch");
    assertThat(rulesAbout(report, "ORDER BY body, id")).contains("sort-spill");
  }

  /** Rule ids of the findings whose text (title, detail, evidence) mentions {@code fragment}. */
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
