package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCommandTest {

  private static final Path LOGS = Path.of("..", "querydoctor-postgres", "src", "test", "resources", "logs");
  static final Path PG_STDERR = LOGS.resolve("pg-stderr/valid.log");
  private static final Path MYSQL = Path.of("..", "querydoctor-core", "src", "test", "resources", "logs",
      "mysql-slow", "valid.log");

  @TempDir
  Path tmp;

  @Test
  void digestsARealStderrLogWithTheDetectedPrefix() {
    CliRun run = CliRun.of("digest", "-q", PG_STDERR.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.CLEAN);
    assertThat(run.out()).contains("Workload (by total): 175 statements")
        .contains("SELECT id, name FROM fixture_items WHERE id = ?")
        .contains("nothing skipped");
  }

  @Test
  void jsonOutputCarriesTheWorkloadAndMatchesTheSchema() throws IOException {
    CliRun run = CliRun.of("digest", "-q", "--format", "json", "--top", "3", "--sort", "calls",
        PG_STDERR.toString());

    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.at("/workload/digest/statements").asLong()).isEqualTo(175);
    assertThat(report.at("/workload/sortedBy").asText()).isEqualTo("calls");
    assertThat(report.at("/workload/digest/shapes").size()).isEqualTo(3);
    var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(Path.of("..", "docs", "report.schema.json")));
    assertThat(schema.validate(report)).isEmpty();
  }

  @Test
  void sarifOutputValidatesAgainstTheSarifSchemaAndCarriesTheSlowShapes() throws IOException {
    CliRun run = CliRun.of("digest", "-q", "--format", "sarif", "--slow-ms", "200", MYSQL.toString());

    JsonNode sarif = new ObjectMapper().readTree(run.out());
    try (var in = DigestCommandTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
      assertThat(schema.validate(sarif)).isEmpty();
    }
    JsonNode result = sarif.at("/runs/0/results/0");
    assertThat(result.get("ruleId").asText()).isEqualTo("slow-query");
    assertThat(result.at("/message/text").asText()).contains("Evidence: ").contains("Fix: ");
    assertThat(result.at("/partialFingerprints").size()).isEqualTo(1);
  }

  @Test
  void junitOutputFailsWhatFailsTheRun() {
    CliRun run = CliRun.of("digest", "-q", "--format", "junit", "--slow-ms", "200", "--fail-on", "info",
        MYSQL.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).startsWith("<?xml").contains("<testcase classname=\"querydoctor.slow-query\"")
        .contains("<failure type=");
    CliRun lenient = CliRun.of("digest", "-q", "--format", "junit", "--slow-ms", "200", "--fail-on", "none",
        MYSQL.toString());
    assertThat(lenient.exitCode()).isEqualTo(ExitCode.CLEAN);
    assertThat(lenient.out()).contains("querydoctor.slow-query").doesNotContain("<failure");
  }

  @Test
  void detectsASlowLogAndReportsItsSlowShapes() {
    CliRun run = CliRun.of("digest", "-q", "--slow-ms", "200", MYSQL.toString());

    assertThat(run.out()).contains("slow-query").contains("UPDATE daily_totals SET amount = amount + ? WHERE day = ?")
        .contains("4 statements");
  }

  @Test
  void sinceFiltersSlowLogEntriesByTheirTimeAndCountsTheRest() {
    CliRun run = CliRun.of("digest", "-q", "--since", "2026-11-21T08:00:30Z", MYSQL.toString());

    assertThat(run.exitCode()).as(run.err()).isIn(ExitCode.CLEAN, ExitCode.FINDINGS);
    assertThat(run.out()).contains("Input: 4 statements (3 outside --since/--until, left out)")
        .contains("Workload (by total): 1 statement,");
  }

  @Test
  void untilFiltersPostgresEntriesAndTheJsonSummaryCountsThem() throws IOException {
    CliRun run = CliRun.of("digest", "-q", "--format", "json", "--until", "2026-11-21 06:20:00.5",
        PG_STDERR.toString());

    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.at("/workload/digest/statements").asLong()).isEqualTo(138);
    assertThat(report.at("/workload/digest/parse/outsideWindow").asLong()).isEqualTo(175 - 138);
    assertThat(report.at("/workload/digest/lastSeen").asText()).isLessThan("2026-11-21T06:20:00.5");
  }

  @Test
  void anEmptyOrUnreadableWindowIsAOneLineError() {
    CliRun reversed = CliRun.of("digest", "-q", "--since", "2026-11-22", "--until", "2026-11-21", MYSQL.toString());
    CliRun unreadable = CliRun.of("digest", "-q", "--since", "yesterday", MYSQL.toString());

    assertThat(reversed.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(reversed.errorLine()).contains("must be before --until");
    assertThat(unreadable.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(unreadable.err()).contains("not an ISO-8601 time");
  }

  @Test
  void digestsAPgStatStatementsCsvExport() {
    Path export = LOGS.resolve("pgss-csv/valid.csv");
    CliRun detected = CliRun.of("digest", "-q", export.toString());
    CliRun given = CliRun.of("digest", "-q", "--log-format", "pgss-csv", export.toString());

    assertThat(detected.exitCode()).as(detected.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(detected.out()).contains("SELECT note FROM csv_items WHERE id = ?").contains("pg_stat_statements export");
    assertThat(given.exitCode()).as(given.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(given.out()).contains("SELECT note FROM csv_items WHERE id = ?");
    assertThat(CliRun.of("digest", "-q", "--log-format", "pgss-csv", PG_STDERR.toString()).errorLine())
        .contains("not a pg_stat_statements CSV export");
  }

  @Test
  void baselineOfTheSameLogShowsNoChange() {
    Path saved = tmp.resolve("baseline.json");
    CliRun first = CliRun.of("digest", "-q", "--save", saved.toString(), PG_STDERR.toString());
    CliRun second = CliRun.of("digest", "-q", "--baseline", saved.toString(), PG_STDERR.toString());

    assertThat(first.exitCode()).isEqualTo(ExitCode.CLEAN);
    assertThat(saved).exists();
    assertThat(second.out()).contains("0 regressed, 0 new, 0 vanished shapes").doesNotContain("latency-regression");
  }

  @Test
  void aShapeThatGotThreeTimesSlowerIsALatencyRegression() throws IOException {
    Path before = log("before.log", 4.0);
    Path after = log("after.log", 12.0);
    Path saved = tmp.resolve("before.json");
    CliRun.of("digest", "-q", "--save", saved.toString(), before.toString());

    CliRun run = CliRun.of("digest", "-q", "--baseline", saved.toString(), after.toString());

    assertThat(run.out()).contains("latency-regression").contains("p95 4.00 ms → 12 ms, 3.0×");
    assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
  }

  @Test
  void aMissingFileIsAOneLineError() {
    CliRun run = CliRun.of("digest", "no-such.log");

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).isEqualTo("querydoctor: cannot read no-such.log: no such file");
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  void anUnknownLogFormatIsAOneLineError() {
    CliRun run = CliRun.of("digest", "--log-format", "syslog", PG_STDERR.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("unknown log format 'syslog'");
  }

  @Test
  void aBaselineThatIsNotADigestIsAOneLineError() throws IOException {
    Path notDigest = Files.writeString(tmp.resolve("report.json"), "{\"schemaVersion\": 1}");

    CliRun run = CliRun.of("digest", "--baseline", notDigest.toString(), PG_STDERR.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).contains("is not a saved digest");
  }

  /** A stderr log with 30 runs of one shape taking {@code millis} each. */
  private Path log(String name, double millis) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      text.append(String.format(java.util.Locale.ROOT,
          "2026-11-21 06:%02d:00.000 UTC [7] app@shop LOG:  duration: %.3f ms  statement: SELECT * FROM orders "
              + "WHERE id = %d%n", i, millis, i));
    }
    return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
  }
}
