package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.demo.junit.PostgresMajors;
import io.querydoctor.demo.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * #30: {@code advise --url} plans pg_stat_statements' {@code $n} texts with the literal values of the server's log
 * when the role may read it, and says so; with {@code --no-server-log} (or no readable log) it plans generic
 * plans and names each such statement. The statement's {@code date $1 … interval $2 day} text was a syntax error
 * to PostgreSQL's PREPARE, so the statement was skipped. PostgreSQL 17 (its server logs with the logging
 * collector, {@link PostgresMajors#LOGGING}), sandbox what-if. {@code diagnose} reads the same log for its advisor.
 */
class AdviseSampleValuesIT {

  private static final String DATABASE = "advise_samples";
  private static EmbeddedServer server;

  @BeforeAll
  static void workload() throws Exception {
    var found = PostgresMajors.server(PostgresMajors.CLASS_PATH_MAJOR);
    assumeTrue(found.isPresent(), PostgresMajors.missing(PostgresMajors.CLASS_PATH_MAJOR));
    server = found.get();
    server.createDatabase(DATABASE);
    try (Connection c = server.connect(DATABASE); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("CREATE TABLE shipments (id bigint, shipped_on date NOT NULL, status text NOT NULL)");
      s.execute("INSERT INTO shipments SELECT i, date '2024-01-01' + (i % 700), 'sent' FROM "
          + "generate_series(1, 100000) i");
      s.execute("ANALYZE shipments");
      s.execute("SELECT pg_stat_statements_reset()");
      s.execute("SET log_min_duration_statement = 0");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM shipments WHERE shipped_on >= DATE '2025-03-01' "
          + "AND shipped_on < DATE '2025-03-01' + INTERVAL '2' DAY")) {
        rs.next();
      }
      s.execute("RESET log_min_duration_statement");
    }
  }

  @Test
  void theServerLogsValuesPlanTheNormalizedText() throws Exception {
    JsonNode report = advise();
    assertThat(report.get("advice").get("method").asText())
        .contains("1 planned with literal values from the server log").contains("0 as generic plans");
    assertThat(report.get("findings")).as(report.toString()).anySatisfy(f ->
        assertThat(f.get("fix").get("sql").asText()).contains("shipments").contains("shipped_on"));
    assertThat(report.toString()).as("the sample's values are planned, never shown").doesNotContain("2025-03-01");
  }

  @Test
  void withoutTheServerLogItIsAGenericPlanAndSaysSo() throws Exception {
    JsonNode report = advise("--no-server-log");
    assertThat(report.get("advice").get("method").asText()).contains("1 as generic plans");
    assertThat(report.get("skipped")).as(report.toString()).anySatisfy(skipped ->
        assertThat(skipped.toString()).contains("generic plan: no sample values"));
    assertThat(report.get("findings")).as("planned, not skipped as a syntax error").anySatisfy(f ->
        assertThat(f.get("fix").get("sql").asText()).contains("shipped_on"));
  }

  /** diagnose reads the same server log: its index advisor plans with the same samples. */
  @Test
  void diagnoseAdvisesWithTheSameSamples() throws Exception {
    assertThat(advisorSkips(run("diagnose"))).noneSatisfy(reason -> assertThat(reason).contains("generic plans"));
    assertThat(advisorSkips(run("diagnose", "--no-server-log"))).anySatisfy(reason ->
        assertThat(reason).contains("1 of 1 workload statements with parameters were planned as generic plans"));
  }

  private static java.util.List<String> advisorSkips(JsonNode report) {
    java.util.List<String> reasons = new java.util.ArrayList<>();
    report.get("skipped").forEach(skipped -> {
      if (skipped.get("check").asText().equals("index-advisor")) {
        reasons.add(skipped.get("reason").asText());
      }
    });
    return reasons;
  }

  private static JsonNode advise(String... more) throws Exception {
    return run("advise", more);
  }

  private static JsonNode run(String command, String... more) throws Exception {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command, "--url",
        server.jdbcUrl(DATABASE), "--user", EmbeddedServer.SUPERUSER, "--sandbox", "--format", "json", "-q"));
    args.addAll(java.util.List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    return new ObjectMapper().readTree(run.out());
  }
}
