package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.digest.BaselineChanges;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.digest.ShapeChange;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.sql.SqlDialect;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadReportTest {

  private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

  static Report reportWithWorkload() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    for (int i = 0; i < 40; i++) {
      builder.add(new LogStatement(T0.plusSeconds(i * 10), 120 + i, "SELECT * FROM posts WHERE author_id = " + i
          + " AND title <> '<b>x</b>'", "blog", "app", "web", "10.0.0.1", 5, -1, -1));
      builder.add(LogStatement.of(T0.plusSeconds(i * 10), 0.4, "SELECT 1"));
      builder.add(LogStatement.of(T0.plusSeconds(i * 10), 0.1, "SELECT " + i + " FROM t" + i));
    }
    ParseProblems problems = new ParseProblems();
    problems.linesRead(130);
    problems.skip(7, "lines not matching log_line_prefix");
    WorkloadDigest digest = builder.build("postgresql.log", problems.summary()).top(2, DigestSort.TOTAL);
    BaselineChanges baseline = new BaselineChanges("base.json", T0, List.of(), 1,
        List.of(new ShapeChange("00000000000000aa", "SELECT ?", 40, 16)), 0, List.of());
    return SampleReports.full().withWorkload(new WorkloadSection("total", digest, baseline));
  }

  private static String render(ReportFormat format) throws IOException {
    StringWriter out = new StringWriter();
    format.renderer(RenderOptions.PLAIN).render(reportWithWorkload(), out);
    return out.toString();
  }

  @Test
  void jsonWithAWorkloadSectionMatchesTheDocumentedSchema() throws IOException {
    String json = render(ReportFormat.JSON);

    assertThat(json).contains("\"workload\"").contains("\"p95Millis\"").contains("\"otherShapes\"");
    assertThat(ReportJsonSchemaTest.validate(json)).isEmpty();
  }

  @Test
  void aReportWithoutWorkloadHasNoWorkloadKey() throws IOException {
    StringWriter out = new StringWriter();
    new JsonReportRenderer().render(SampleReports.full(), out);

    assertThat(out.toString()).doesNotContain("\"workload\"");
  }

  @Test
  void textShowsTheTopShapesTheOtherBucketAndTheInputSummary() throws IOException {
    String text = render(ReportFormat.TEXT);

    assertThat(text).contains("Workload (by total): 120 statements")
        .contains("SELECT * FROM posts WHERE author_id = ? AND title <> ?")
        .contains("(40 other shapes)")
        .contains("from 130 lines; 1 skipped (1 lines not matching log_line_prefix), first at line 7")
        .contains("1 new, 0 vanished shapes");
    assertThat(text).doesNotContain("author_id = 3 ");
  }

  @Test
  void markdownAndHtmlShowTheTableEscaped() throws IOException {
    String md = render(ReportFormat.MARKDOWN);
    String html = render(ReportFormat.HTML);

    assertThat(md).contains("## Workload (by total)")
        .contains("| # | calls | total | share | mean | p95 | max | fingerprint | statement |");
    assertThat(html).contains("<table class=\"workload sortable\">").contains("<th class=\"num\">p95</th>")
        .contains("<th>fingerprint</th>").doesNotContain("<b>x</b>");
  }
}
