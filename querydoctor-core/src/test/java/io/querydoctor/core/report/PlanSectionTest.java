package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The plans section in the text and Markdown reports (HtmlReportRendererTest covers HTML, the schema test JSON). */
class PlanSectionTest {

  private static String render(ReportRenderer renderer) throws IOException {
    StringWriter out = new StringWriter();
    renderer.render(HostileReports.full().redacted(), out);
    return out.toString();
  }

  @Test
  void markdownShowsEachTreeInACodeBlockWithFindingsAtTheirNode() throws IOException {
    String md = render(new MarkdownReportRenderer());
    assertThat(md).contains("## Plans\n\nQuery `00000000000000f1` (EXPLAIN ANALYZE):\n\n```text\n")
        .contains("#1 Limit  (est. 3 rows, cost 2,500 · actual 3 rows, 180 ms)\n  #2 Seq Scan on public.")
        .contains("       Filter: (email = ?::text)\n     ! seq-scan-large-table [high]: ");
  }

  @Test
  void compactTextMentionsThePlansAndVerboseTextShowsThem() throws IOException {
    String compact = render(new TextReportRenderer(RenderOptions.PLAIN));
    String verbose = render(new TextReportRenderer(new RenderOptions(false, true)));
    assertThat(compact).contains("Plans: 1 queries explained").doesNotContain("#2 Seq Scan");
    assertThat(verbose).contains("Query 00000000000000f1: SELECT * FROM").contains("    #2 Seq Scan on public.")
        .contains("! seq-scan-large-table [high]");
  }

  @Test
  void markdownShowsConcernsAndMergedFindingsWithTheirEvidence() throws IOException {
    String md = render(new MarkdownReportRenderer());
    assertThat(md).contains("**Also about:** fingerprint 00000000000000f1, columns public.")
        .contains("**Merged** (the same cause, seen as):\n\n- medium `missing-fk-index` Foreign key ")
        .contains("  - table\\_rows = 150,000 rows (threshold 1,000 rows)");
  }
}
