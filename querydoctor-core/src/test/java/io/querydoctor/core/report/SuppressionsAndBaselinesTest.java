package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.digest.DigestThresholds;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.sql.SqlDialect;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionsAndBaselinesTest {

  private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

  @Test
  void aSuppressedFindingLeavesTheListWithItsReason() {
    Suppressions suppressions = Suppressions.parse(List.of("# accepted findings", "",
        "missing-fk-index:public.posts(user_id)   # posts are never read by user (JIRA-12)"), "qd-suppress.txt");
    Report report = suppressions.apply(SampleReports.full());

    assertThat(report.findings()).extracting(f -> f.ruleId()).doesNotContain("missing-fk-index").hasSize(2);
    assertThat(report.hasFindingsAtLeast(Severity.HIGH)).isFalse();
    assertThat(report.suppressed()).singleElement().satisfies(s -> {
      assertThat(s.key()).isEqualTo("missing-fk-index:public.posts(user_id)");
      assertThat(s.reason()).isEqualTo("posts are never read by user (JIRA-12)");
    });
  }

  @Test
  void aSuppressionWithoutReasonNamesWhereItCameFromAndOneThatMatchesNothingChangesNothing() {
    Report report = Suppressions.parse(List.of("slow-query:<b>abc</b>", "unused-index:public.nothing"), "--suppress")
        .apply(SampleReports.full());
    assertThat(report.suppressed()).extracting(SuppressedFinding::reason).containsExactly("suppressed by --suppress");
    assertThat(report.findings()).hasSize(2);
    assertThat(report.skipped()).filteredOn(s -> s.check().equals("suppression")).singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("'unused-index:public.nothing' matched no finding"));
  }

  @Test
  void suppressingAMergedFindingSaysWhichKeyAcceptsIt() {
    var fk = io.querydoctor.core.finding.Finding.builder("missing-fk-index", io.querydoctor.core.finding.Severity.MEDIUM)
        .title("fk").subject(io.querydoctor.core.finding.Subject.columns("public.comments", "post_id"))
        .evidence(io.querydoctor.core.finding.Evidence.of("table_rows", 1e5, "rows"))
        .impact(io.querydoctor.core.finding.Impact.unknown("catalog"))
        .fix(io.querydoctor.core.finding.Fix.sql("Index it.", "CREATE INDEX ON public.comments (post_id);")).build();
    var merged = SampleReports.full().findings().get(0).withSupporting(List.of(fk));
    Report full = new Report(1, "t", java.time.Instant.EPOCH, "x", 0, List.of(merged), List.of());
    Report report = Suppressions.parse(List.of(fk.key()), "--suppress").apply(full);
    assertThat(report.findings()).hasSize(1);
    assertThat(report.skipped()).extracting(SkippedCheck::reason)
        .anySatisfy(r -> assertThat(r).contains("is merged into '" + merged.key() + "'"));
  }

  @Test
  void aLineThatIsNotRuleColonSubjectIsAOneLineError() {
    assertThatThrownBy(() -> Suppressions.parse(List.of("ok:x", "just-a-rule  # why"), "s.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("s.txt line 2: 'just-a-rule  # why' is not rule:subject (e.g. "
            + "unused-index:public.posts_title_idx  # reason)");
  }

  private static Report run(double slowMillis, boolean withMissingIndex) {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    for (int i = 0; i < 50; i++) {
      builder.add(LogStatement.of(T0.plusSeconds(i * 60), slowMillis, "SELECT * FROM posts WHERE user_id = " + i));
      builder.add(LogStatement.of(T0.plusSeconds(i * 60), 1, "SELECT * FROM users WHERE id = " + i));
    }
    ParseProblems problems = new ParseProblems();
    problems.linesRead(100);
    var digest = builder.build("postgresql.log", problems.summary()).top(10, DigestSort.TOTAL);
    List<io.querydoctor.core.finding.Finding> findings = withMissingIndex
        ? List.of(SampleReports.missingFkIndex(), SampleReports.info()) : List.of(SampleReports.hostileText());
    return new Report(1, "querydoctor test", T0, "jdbc:postgresql://db/app", 1, findings, List.of())
        .withWorkload(new WorkloadSection("total", digest, null));
  }

  @Test
  void aSavedRunComparesNewResolvedAndRegressedFindings(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("baseline.json");
    RunBaseline.of(run(10, true)).save(file);
    JsonNode saved = new ObjectMapper().readTree(Files.readString(file));
    assertThat(saved.get("format").asText()).isEqualTo("querydoctor-run");
    assertThat(saved.get("version").asInt()).isEqualTo(1);
    assertThat(saved.get("findings").get(0).get("key").asText()).isEqualTo("missing-fk-index:public.posts(user_id)");

    Report compared = RunComparison.compare(run(30, false), RunBaseline.load(file), "baseline.json",
        DigestThresholds.DEFAULTS);

    RunComparison c = compared.comparison();
    assertThat(c.newFindings()).extracting(FindingRef::ruleId).containsExactly("slow-query");
    assertThat(c.resolvedFindings()).extracting(FindingRef::ruleId)
        .containsExactlyInAnyOrder("missing-fk-index", "pg-stat-statements-missing");
    assertThat(c.regressions()).extracting(FindingRef::ruleId).containsExactly("latency-regression");
    assertThat(compared.findings()).extracting(f -> f.ruleId()).contains("latency-regression", "slow-query");
  }

  @Test
  void anUnchangedRunHasNothingNewAndNoRegression(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("baseline.json");
    RunBaseline.of(run(10, true)).save(file);
    RunComparison c = RunComparison.compare(run(12, true), RunBaseline.load(file), "b", DigestThresholds.DEFAULTS)
        .comparison();
    assertThat(c.newFindings()).isEmpty();
    assertThat(c.resolvedFindings()).isEmpty();
    assertThat(c.regressions()).isEmpty();
  }

  @Test
  void aFileThatIsNotASavedRunIsRejectedWithAReason(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("digest.json");
    Files.writeString(file, "{\"format\": \"querydoctor-digest\", \"version\": 1}");
    assertThatThrownBy(() -> RunBaseline.load(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("is not a saved run").hasMessageContaining("--save-baseline");
  }

  private static Report comparedAndSuppressed(Path dir) throws IOException {
    Path file = dir.resolve("baseline.json");
    RunBaseline.of(run(10, true)).save(file);
    Report compared = RunComparison.compare(run(30, false), RunBaseline.load(file), "baseline.json",
        DigestThresholds.DEFAULTS);
    return Suppressions.parse(List.of("slow-query:<b>abc</b>  # known, fixed in release 12"), "f").apply(compared);
  }

  @Test
  void suppressionAlsoTakesAFindingOffTheNewList(@TempDir Path dir) throws IOException {
    Report report = comparedAndSuppressed(dir);
    assertThat(report.comparison().newFindings()).isEmpty();
    assertThat(report.suppressed()).hasSize(1);
  }

  @Test
  void everyFormatShowsTheComparisonAndTheSuppressions(@TempDir Path dir) throws IOException {
    Report report = comparedAndSuppressed(dir);
    for (ReportFormat format : List.of(ReportFormat.TEXT, ReportFormat.JSON, ReportFormat.MARKDOWN,
        ReportFormat.HTML)) {
      StringWriter out = new StringWriter();
      format.renderer(RenderOptions.PLAIN).render(report, out);
      String text = out.toString();
      if (format == ReportFormat.JSON) {
        assertThat(ReportJsonSchemaTest.validate(text)).isEmpty();
        JsonNode tree = new ObjectMapper().readTree(text);
        assertThat(tree.get("suppressed").get(0).get("reason").asText()).isEqualTo("known, fixed in release 12");
        assertThat(tree.get("comparison").get("regressions").get(0).get("ruleId").asText())
            .isEqualTo("latency-regression");
        assertThat(tree.get("comparison").get("resolvedFindings")).hasSize(2);
      } else {
        // Markdown escapes _ and [ with backslashes; the words are the same.
        assertThat(text.replace("\\", "")).as(format.name())
            .contains("Compared with baseline.json (saved 2026-11-21T06:00:00Z): 0 new findings, 2 resolved, "
                + "1 latency regression")
            .contains("resolved: [high] missing-fk-index:public.posts(user_id)")
            .contains("1 finding suppressed")
            .contains("known, fixed in release 12");
      }
    }
  }

  @Test
  void sarifMarksSuppressedFindingsAndWhatIsNew(@TempDir Path dir) throws IOException {
    String sarif = SarifReportRendererTest.render(comparedAndSuppressed(dir), null);
    assertThat(SarifReportRendererTest.validate(sarif)).isEmpty();
    JsonNode results = new ObjectMapper().readTree(sarif).get("runs").get(0).get("results");
    JsonNode suppressed = null;
    for (JsonNode result : results) {
      if (result.has("suppressions")) {
        suppressed = result;
      } else {
        assertThat(result.get("baselineState").asText()).isIn("new", "unchanged");
      }
    }
    assertThat(suppressed).isNotNull();
    assertThat(suppressed.get("ruleId").asText()).isEqualTo("slow-query");
    assertThat(suppressed.get("suppressions").get(0).get("justification").asText())
        .isEqualTo("known, fixed in release 12");
  }
}
