package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact terminal report and what --verbose adds. */
class TerminalReportTest {

  private static String render(Report report, boolean colour, boolean verbose) throws IOException {
    StringWriter out = new StringWriter();
    new TextReportRenderer(new RenderOptions(colour, verbose)).render(report, out);
    return out.toString();
  }

  private static Finding manyNumbers() {
    return Finding.builder("bloated-table", Severity.LOW)
        .title("public.events is 60 % dead tuples")
        .subject(Subject.table("public.events"))
        .detail("Autovacuum cannot keep up with the updates.")
        .evidence(Evidence.of("table_bytes", 1e9, "bytes"))
        .evidence(Evidence.of("live_tuples", 1e6, "rows"))
        .evidence(Evidence.of("last_autovacuum_hours", 30, "h"))
        .evidence(Evidence.crossed("dead_tuple_ratio", 0.6, "ratio", 0.2))
        .impact(new Impact(1_000, "estimate"))
        .fix(Fix.sql("Vacuum it.", "VACUUM (ANALYZE) public.events;"))
        .build();
  }

  @Test
  void compactShowsAnOverviewThenTheTopFindingsWithEvidenceAndFix() throws IOException {
    String text = render(HostileReports.full(), false, false);
    // Overview: rank, severity, cost per hour, rule, title; most costly first.
    assertThat(text).containsPattern("  1\\. \\[HIGH\\] +9\\.0 min/h  seq-scan-large-table  Seq Scan on ")
        .containsPattern("  2\\. \\[MEDIUM\\] +1\\.5 min/h  sort-spill +Sort of ");
    assertThat(text.indexOf("1. [HIGH] seq-scan-large-table  Seq Scan")).isGreaterThan(text.indexOf("  2. [MEDIUM]"));
    assertThat(text).contains("   - rows_removed = 99,997 rows (threshold 1,000 rows)")
        .contains("   fix: Index the filtered column.")
        .contains("   merged: 1 supporting finding about the same cause (missing-fk-index; --verbose shows them)");
    // Compact leaves out the explanation, the concerns and the merged findings' own evidence.
    assertThat(text).doesNotContain("   why: ").doesNotContain("also about:").doesNotContain("table_rows = ");
  }

  @Test
  void verboseShowsEverything() throws IOException {
    String text = render(HostileReports.full(), false, true);
    assertThat(text).contains("   why: The filter").contains("   also about: fingerprint 00000000000000f1")
        .contains("   merged, the same cause seen as:\n     + [MEDIUM] missing-fk-index")
        .contains("         - table_rows = 150,000 rows (threshold 1,000 rows)")
        .contains("    #2 Seq Scan on public.");
  }

  @Test
  void compactEvidenceShowsThresholdsFirstAndSaysWhatItLeftOut() throws IOException {
    Report report = new Report(1, "t", Instant.EPOCH, "x", 0, List.of(manyNumbers()), List.of());
    String compact = render(report, false, false);
    assertThat(compact).contains("   - dead_tuple_ratio = 60.0 % (threshold 20.0 %)\n   - table_bytes")
        .contains("   - … 1 more number (--verbose)").doesNotContain("last_autovacuum_hours");
    assertThat(render(report, false, true)).contains("last_autovacuum_hours").doesNotContain("more numbers");
  }

  @Test
  void theFindingsLeftToTheOverviewAreCountedInGoodEnglish() throws IOException {
    int shown = TextReportRenderer.FULL_FINDINGS;
    Report oneMore = new Report(1, "t", Instant.EPOCH, "x", 0,
        java.util.Collections.nCopies(shown + 1, manyNumbers()), List.of());
    assertThat(render(oneMore, false, false)).contains("Finding " + (shown + 1) + " is in the overview above")
        .doesNotContain("–" + (shown + 1));
    Report twoMore = new Report(1, "t", Instant.EPOCH, "x", 0,
        java.util.Collections.nCopies(shown + 2, manyNumbers()), List.of());
    assertThat(render(twoMore, false, false))
        .contains("Findings " + (shown + 1) + "–" + (shown + 2) + " are in the overview above");
  }

  /** Regression (#24): a 10 s capture became "59.7 min/h" of impact: a short window is not an hour. */
  @Test
  void aCostSeenInAShortWindowIsShownOverThatWindowNotPerHour() throws IOException {
    Finding shortWindow = Finding.builder("n-plus-one", Severity.HIGH).title("N+1")
        .subject(Subject.fingerprint("00000000000000a1")).evidence(Evidence.of("count", 50, "count"))
        .impact(Impact.observed(9_950, 10_000, "9.95 s in 50 statements over 10.00 s of captured work"))
        .fix(Fix.action("Batch it.")).build();
    Finding longWindow = Finding.builder("n-plus-one", Severity.HIGH).title("N+1 too")
        .subject(Subject.fingerprint("00000000000000a2")).evidence(Evidence.of("count", 50, "count"))
        .impact(Impact.observed(60_000, 30 * 60_000, "60 s over 30 min of captured work"))
        .fix(Fix.action("Batch it.")).build();
    Report report = new Report(1, "t", Instant.EPOCH, "x", 0, List.of(shortWindow, longWindow), List.of());
    String text = render(report, false, true);
    assertThat(text).contains("9.95 s in 10.00 s").contains("2.0 min/h")
        .contains("≈ 9.95 s of database time in the 10.00 s observed")
        .contains("≈ 2.0 min of database time per hour").doesNotContain("59.7 min/h");
    assertThat(HtmlReportRendererTest.render(report)).doesNotContain("59.7 min")
        .as("the impact chart leaves out the short window").doesNotContain("#1 n-plus-one 00000000000000a1")
        .contains("#2 n-plus-one 00000000000000a2");
  }

  /** Regression (#24): findings about a query named it by fingerprint only. */
  @Test
  void aFindingAboutAQueryNamesTheStatementTheReportKnows() throws IOException {
    Report report = HostileReports.full().redacted();
    assertThat(render(report, false, false)).containsPattern("   query: SELECT \\* FROM .* \\(fingerprint 00000000000000f1\\)");
    assertThat(HtmlReportRendererTest.render(report)).contains("<p class=\"query\">Query: <code>SELECT * FROM ");
  }

  @Test
  void coloursOnlyWhenAskedAndNeverInsideTheWords() throws IOException {
    String plain = render(HostileReports.full(), false, false);
    String coloured = render(HostileReports.full(), true, false);
    assertThat(plain).doesNotContain("\u001b[");
    assertThat(coloured).contains("\u001b[31m[HIGH]\u001b[0m").contains("\u001b[1mQueryDoctor report\u001b[0m")
        .contains("\u001b[32mCREATE INDEX CONCURRENTLY");
    assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
  }
}
