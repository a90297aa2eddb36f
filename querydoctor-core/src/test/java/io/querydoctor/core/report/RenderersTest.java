package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderersTest {

  @Test
  void htmlEscapesEveryPieceOfDatabaseText() throws IOException {
    String html = render(ReportFormat.HTML, SampleReports.full());
    assertThat(html).doesNotContain("<script>alert").doesNotContain("<b>abc</b>");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;b&gt;abc&lt;/b&gt;");
    // Nothing is loaded from anywhere: no src or href attributes to other documents, and the policy says so.
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContainPattern("(src|href)=\"(?!#)")
        .contains("default-src 'none'");
  }

  @Test
  void markdownEscapesMarkupAndKeepsFencesIntact() throws IOException {
    String md = render(ReportFormat.MARKDOWN, SampleReports.full());
    assertThat(md).contains("SELECT '&lt;script&gt;alert(1)&lt;/script&gt;' is slow");
    assertThat(md).contains("Rewrite \\| it \\* now");
    assertThat(md).contains("```sql\nCREATE INDEX CONCURRENTLY posts_user_id_idx ON public.posts (user_id);\n```");
    // Code containing ``` gets a longer fence, so it cannot end the block early (and raw HTML stays code).
    assertThat(md).contains("````sql\nSELECT '<script>alert(1)</script>' ```\n````");
    assertThat(md.replaceAll("(?s)````sql.*?````", "")).doesNotContain("<script>");
  }

  @Test
  void textShowsRankedFindingsWithEvidenceFixAndVerification() throws IOException {
    String text = render(ReportFormat.TEXT, SampleReports.full());
    assertThat(text).contains("3 findings: 1 high, 1 medium, 1 info");
    assertThat(text.indexOf("missing-fk-index")).isLessThan(text.indexOf("slow-query"));
    assertThat(text).contains("table_rows = 150,000 rows (threshold 1,000 rows)");
    assertThat(text).contains("CREATE INDEX CONCURRENTLY posts_user_id_idx");
    assertThat(text).contains("measured median_ms: 182 ms → 0.40 ms (455.0×) over 5 runs");
    assertThat(text).contains("replication-lag: needs pg_monitor");
    assertThat(text).doesNotContain("\u001b[");
  }

  @Test
  void textColoursOnlyWhenAsked() throws IOException {
    StringWriter out = new StringWriter();
    new TextReportRenderer(new RenderOptions(true, false)).render(SampleReports.full(), out);
    assertThat(out.toString()).contains("\u001b[31m[HIGH]");
  }

  @Test
  void textCompactsFindingsBeyondTheTopOnesUnlessVerbose() throws IOException {
    List<io.querydoctor.core.finding.Finding> many = java.util.stream.IntStream.range(0, 12)
        .mapToObj(i -> SampleReports.info()).toList();
    Report report = new Report(1, "t", Instant.EPOCH, "x", 0, many, List.of());
    StringWriter compact = new StringWriter();
    new TextReportRenderer(RenderOptions.PLAIN).render(report, compact);
    StringWriter verbose = new StringWriter();
    new TextReportRenderer(new RenderOptions(false, true)).render(report, verbose);
    assertThat(compact.toString()).contains("Findings 6–12 are in the overview above; --verbose shows every "
        + "finding in full.");
    assertThat(count(compact.toString(), "   fix: ")).isEqualTo(TextReportRenderer.FULL_FINDINGS);
    assertThat(count(verbose.toString(), "   fix: ")).isEqualTo(12);
  }

  @Test
  void emptyReportSaysSoInEveryHumanFormat() throws IOException {
    Report empty = new Report(1, "t", Instant.EPOCH, "x", 0, List.of(), List.of());
    for (ReportFormat format : List.of(ReportFormat.TEXT, ReportFormat.MARKDOWN, ReportFormat.HTML)) {
      assertThat(render(format, empty)).as(format.name()).contains("No findings.");
    }
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static String render(ReportFormat format, Report report) throws IOException {
    StringWriter out = new StringWriter();
    format.renderer(RenderOptions.PLAIN).render(report, out);
    return out.toString();
  }
}
