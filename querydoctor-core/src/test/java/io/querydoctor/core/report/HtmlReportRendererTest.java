package io.querydoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportRendererTest {

  private static final Pattern DATA_BLOCK =
      Pattern.compile("<script type=\"application/json\" id=\"qd-chart-data\">(.*?)</script>", Pattern.DOTALL);
  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

  static String render(Report report) throws IOException {
    StringWriter out = new StringWriter();
    new HtmlReportRenderer().render(report, out);
    return out.toString();
  }

  @Test
  void chartsArePassedAsJsonDataWithMarkupEscaped() throws IOException {
    String html = render(HostileReports.full());
    Matcher block = DATA_BLOCK.matcher(html);
    assertThat(block.find()).isTrue();
    String json = block.group(1);
    assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&").contains("\\u003cscript\\u003e");
    JsonNode charts = new ObjectMapper().readTree(json).get("charts");
    List<String> ids = new ArrayList<>();
    charts.forEach(c -> ids.add(c.get("id").asText()));
    assertThat(ids).containsExactly("chart-top-shapes", "chart-latency", "chart-timeline", "chart-impact",
        "chart-verification-1", "chart-verification-2");
    for (String id : ids) {
      assertThat(html).contains("<canvas id=\"" + id + "\"");
    }
    // The decoded labels are the database's text, drawn by the canvas as pixels.
    assertThat(charts.get(0).get("fullLabels").get(0).asText()).contains("<script>document.body");
    assertThat(charts.get(1).get("datasets")).extracting(d -> d.get("label").asText())
        .containsExactly("p50", "p95", "p99");
    assertThat(html).contains("measured on a sandbox: median_ms").contains("estimated by the planner (not measured)");
  }

  @Test
  void latencyFallsBackToMeanAndMaxWithoutPercentiles() throws IOException {
    Report report = HostileReports.full();
    var digest = report.workload().digest();
    var shapes = digest.shapes().stream().map(s -> new io.querydoctor.core.digest.ShapeDigest(s.fingerprint(),
        s.example(), s.kind(), s.calls(), s.totalMillis(), s.meanMillis(), s.minMillis(), s.maxMillis(), null, null,
        null, s.rowsSent(), s.rowsExamined(), s.lockMillis(), s.firstSeen(), s.lastSeen(), s.databases(), s.users(),
        s.applications(), s.clients(), s.series(), s.readOnly(), s.distinctParameterSets(), s.partial())).toList();
    var totals = new io.querydoctor.core.digest.WorkloadDigest(digest.source(), digest.statements(),
        digest.totalMillis(), null, null, shapes, null, 0, null, null);
    String html = render(report.withWorkload(new WorkloadSection("total", totals, null)));
    assertThat(html).contains("mean and max (the source has no percentiles)").contains("\"label\":\"max\"");
  }

  @Test
  void onlyTheReportsOwnScriptsMayRun() throws IOException {
    String html = render(HostileReports.full());
    assertThat(html).doesNotContain("<script>document").doesNotContain("<img src=x");
    Matcher csp = Pattern.compile("script-src ([^\"]*)\"").matcher(html);
    assertThat(csp.find()).isTrue();
    Matcher scripts = INLINE_SCRIPT.matcher(html);
    int count = 0;
    while (scripts.find()) {
      assertThat(csp.group(1)).contains(HtmlReportRenderer.hash(scripts.group(1)));
      count++;
    }
    assertThat(count).as("the page script and Chart.js").isEqualTo(2);
    assertThat(html).contains("Chart.js v4.5.1").contains("Released under the MIT License");
  }

  @Test
  void withoutChartsChartJsIsLeftOut() throws IOException {
    String html = render(new Report(1, "t", java.time.Instant.EPOCH, "x", 0, List.of(SampleReports.info()),
        List.of()));
    assertThat(html).doesNotContain("Chart.js v").doesNotContain("<canvas").hasSizeLessThan(40_000);
  }

  @Test
  void mergedFindingsAreNestedEvidenceAndConcernsAreListed() throws IOException {
    String html = render(HostileReports.full());
    assertThat(html).contains("<details class=\"supporting\"><summary>1 supporting finding about the same root cause")
        .contains("<div class=\"supporting-finding\" data-rule=\"missing-fk-index\">")
        .contains("Also about: fingerprint 00000000000000f1, columns public.&quot;&lt;script&gt;");
  }

  @Test
  void planTreesShowNodesWithTheirFindingsLinked() throws IOException {
    String html = render(HostileReports.full().redacted());
    assertThat(html).contains("<section class=\"plan\" data-fingerprint=\"00000000000000f1\">")
        .contains("(EXPLAIN ANALYZE)")
        .contains("<div class=\"node\" data-node=\"1\"><b>#1 Limit</b>")
        .contains("<div class=\"node flagged\" data-node=\"2\">")
        .contains("Filter: (email = ?::text)")
        .contains("<a href=\"#finding-1\">seq-scan-large-table</a>")
        .contains("est. 3 rows, cost 2,500 · actual 3 rows, 180 ms")
        .doesNotContain("bob@example.com");
  }

  /** Regression (#24): HTML tables with numbers broken and left-aligned, no summary or navigation, raw backticks. */
  @Test
  void aSummaryAndNavigationLeadToSortableTablesWithRightAlignedNumbersAndSqlAsCode() throws IOException {
    String html = render(HostileReports.full().redacted());
    assertThat(html).contains("<nav><a href=\"#summary\">Summary</a> <a href=\"#finding-1\">Findings</a> "
        + "<a href=\"#plans\">Plans</a> <a href=\"#workload\">Workload</a> <a href=\"#skipped\">Skipped checks</a>")
        .contains("<h2 id=\"summary\">Summary</h2>").contains("<table class=\"sortable overview\">")
        .contains("<a href=\"#finding-2\">");
    assertThat(html.indexOf("id=\"summary\"")).isLessThan(html.indexOf("id=\"finding-1\""));
    assertThat(html).contains("<table class=\"workload sortable\">").contains("<th class=\"num\">calls</th>")
        .containsPattern("<td class=\"num\" data-sort=\"[0-9.E]+\">")
        .contains("th.num,td.num{text-align:right;white-space:nowrap}");
    String body = html.substring(html.indexOf("<body>"), html.indexOf("<script type=\"application/json\""));
    assertThat(body).as("SQL quoted in backticks is set as code").doesNotContain("`").contains("Query: <code>SELECT");
  }
}
