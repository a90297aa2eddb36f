package io.querydoctor.core.report;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One self-contained HTML file: Chart.js and the page's script are inlined, nothing comes from the network.
 * Every piece of text is escaped, because SQL, identifiers and log lines can contain markup; chart data goes
 * into a JSON block, never into script code. A Content-Security-Policy allows only the two scripts the report
 * itself contains (by hash) and no network at all, so even markup that escaped escaping could not run.
 */
public final class HtmlReportRenderer implements ReportRenderer {

  private static final String STYLE = """
      body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222;padding:0 1em}
      h1{font-size:1.5em}.finding{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:1em 0}
      .sev{font-weight:bold;text-transform:uppercase;padding:0 .4em;border-radius:3px;color:#fff;font-size:.85em}
      .critical{background:#8b0000}.high{background:#c0392b}.medium{background:#d68910}
      .low{background:#2e86c1}.info{background:#7f8c8d}pre{background:#f6f6f6;padding:.6em;overflow:auto}
      table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .6em;text-align:left;vertical-align:top}
      .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(30em,1fr));gap:1em}
      figure{margin:0;border:1px solid #ddd;border-radius:6px;padding:.5em}.chart-box{position:relative;height:18em}
      figcaption{font-weight:bold;margin-bottom:.3em}.supporting{margin:.5em 0 0 1em;border-left:3px solid #ddd;
      padding-left:.8em}.concerns{color:#555}#qd-errors{color:#c0392b;background:#fdecea}
      ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:1.4em;border-left:1px dotted #aaa}
      ul.tree{border-left:none;padding-left:0}.node{padding:.15em .4em;margin:.15em 0;border-radius:4px}
      .node.flagged{background:#fdecea;border:1px solid #e6b0aa}.nums{color:#555;font-size:.9em}
      .cond{font-family:monospace;font-size:.9em;color:#444}.node-finding{display:block;margin-top:.1em}
      th.num,td.num{text-align:right;white-space:nowrap}table.sortable th{cursor:pointer}
      table.sortable th[aria-sort=ascending]::after{content:" ▲"}table.sortable th[aria-sort=descending]::after{content:" ▼"}
      table.overview{margin-bottom:1.2em}table.overview td:nth-child(4){white-space:nowrap}
      nav{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #ddd}nav a{margin-right:1em}
      """;

  @Override
  public void render(Report report, Writer out) throws IOException {
    List<HtmlCharts.Chart> charts = HtmlCharts.of(report);
    String pageScript = ChartJsLibrary.pageScript();
    String chartJs = charts.isEmpty() ? null : ChartJsLibrary.script();
    StringBuilder html = new StringBuilder(charts.isEmpty() ? 8192 : 260_000);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; ")
        .append("style-src 'unsafe-inline'; script-src ").append(hash(pageScript))
        .append(chartJs == null ? "" : " " + hash(chartJs)).append("\">\n")
        .append("<title>QueryDoctor report</title><style>").append(STYLE).append("</style>\n")
        .append("<script>").append(pageScript).append("</script>\n</head><body>\n");
    html.append("<h1>QueryDoctor report: ").append(escape(report.target())).append("</h1>\n");
    html.append("<p class=\"headline\">").append(escape(ReportSummary.headline(report))).append("</p>\n");
    html.append("<pre id=\"qd-errors\" hidden></pre>\n");
    HtmlOverview.append(html, report);
    appendCharts(html, charts);
    int rank = 1;
    StatementIndex statements = new StatementIndex(report);
    for (Finding f : report.findings()) {
      appendFinding(html, rank++, f, statements);
    }
    appendAdvice(html, report.advice());
    HtmlPlanTrees.append(html, report);
    if (report.comparison() != null) {
      html.append("<h2 id=\"comparison\">Compared with a baseline</h2>\n<p class=\"comparison\">")
          .append(escape(ReportSummary.comparison(report.comparison()))).append("</p>\n<ul>\n");
      ReportSummary.comparisonLines(report.comparison())
          .forEach(line -> html.append("<li>").append(escape(line)).append("</li>\n"));
      html.append("</ul>\n");
    }
    if (!report.suppressed().isEmpty()) {
      html.append("<h2 id=\"suppressed\">Suppressed</h2>\n<p class=\"suppressed\">").append(escape(ReportSummary.suppressed(report)))
          .append(".</p>\n<ul>\n");
      report.suppressed().forEach(s -> html.append("<li>").append(escape(ReportSummary.suppressed(s)))
          .append("</li>\n"));
      html.append("</ul>\n");
    }
    if (report.workload() != null) {
      appendWorkload(html, report.workload());
    }
    if (!report.skipped().isEmpty()) {
      html.append("<h2 id=\"skipped\">Skipped checks</h2><ul>\n");
      for (SkippedCheck s : report.skipped()) {
        html.append("<li><code>").append(escape(s.check())).append("</code>: ").append(HtmlProse.of(s.reason()))
            .append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("<p><small>Generated ").append(escape(report.generatedAt().toString())).append(" by ")
        .append(escape(report.tool()));
    if (chartJs != null) {
      html.append(". Charts by Chart.js ").append(ChartJsLibrary.VERSION).append(" (MIT License, © Chart.js ")
          .append("Contributors), included below");
      html.append("</small></p>\n<script type=\"application/json\" id=\"qd-chart-data\">")
          .append(HtmlCharts.json(charts)).append("</script>\n<script>").append(chartJs).append("</script>\n");
    } else {
      html.append("</small></p>\n<script type=\"application/json\" id=\"qd-chart-data\">")
          .append(HtmlCharts.json(charts)).append("</script>\n");
    }
    html.append("</body></html>\n");
    out.write(html.toString());
  }

  private static void appendAdvice(StringBuilder html, AdviceSection advice) {
    if (advice == null) {
      return;
    }
    html.append("<h2 id=\"advice\">Index advice</h2>\n<p>").append(escape(advice.costLine())).append("</p>\n<p>")
        .append(escape(advice.storageLine())).append("</p>\n");
    if (!advice.rejected().isEmpty()) {
      html.append("<table class=\"rejected sortable\"><thead><tr><th>rejected candidate</th><th>why</th></tr>")
          .append("</thead><tbody>\n");
      advice.rejected().forEach(r -> html.append("<tr><td><code>").append(escape(r.definition()))
          .append("</code></td><td>").append(HtmlProse.of(r.reason())).append("</td></tr>\n"));
      html.append("</tbody></table>\n");
    }
  }

  private static void appendCharts(StringBuilder html, List<HtmlCharts.Chart> charts) {
    if (charts.isEmpty()) {
      return;
    }
    html.append("<section class=\"charts\">\n");
    for (HtmlCharts.Chart chart : charts) {
      html.append("<figure><figcaption>").append(escape(chart.caption())).append("</figcaption>")
          .append("<div class=\"chart-box\"><canvas id=\"").append(chart.id()).append("\" data-chart=\"")
          .append(chart.id()).append("\" role=\"img\" aria-label=\"").append(escape(chart.caption()))
          .append("\"></canvas></div></figure>\n");
    }
    html.append("</section>\n");
  }

  private static void appendFinding(StringBuilder html, int rank, Finding f, StatementIndex statements) {
    html.append("<div class=\"finding\" id=\"finding-").append(rank).append("\" data-rule=\"")
        .append(escape(f.ruleId())).append("\">\n<h2>").append(rank).append(". ");
    appendBody(html, f, "h2");
    statements.queryOf(f).ifPresent(q -> html.append("<p class=\"query\">Query: <code>").append(escape(q))
        .append("</code></p>\n"));
    if (!f.supporting().isEmpty()) {
      html.append("<details class=\"supporting\"><summary>").append(f.supporting().size())
          .append(f.supporting().size() == 1 ? " supporting finding" : " supporting findings")
          .append(" about the same root cause</summary>\n");
      for (Finding s : f.supporting()) {
        html.append("<div class=\"supporting-finding\" data-rule=\"").append(escape(s.ruleId())).append("\"><h3>");
        appendBody(html, s, "h3");
        html.append("</div>\n");
      }
      html.append("</details>\n");
    }
    html.append("</div>\n");
  }

  /** Everything of a finding after its heading's opening tag: title, subject, evidence, impact, fix. */
  private static void appendBody(StringBuilder html, Finding f, String heading) {
    String severity = f.severity().label();
    html.append("<span class=\"sev ").append(severity).append("\">").append(severity).append("</span> ")
        .append(HtmlProse.of(f.title())).append("</").append(heading).append(">\n");
    html.append("<p><code>").append(escape(f.ruleId())).append("</code> · ").append(escape(f.subject().toString()))
        .append(" · <span class=\"key\" title=\"--suppress accepts this key\">key <code>").append(escape(f.key()))
        .append("</code></span></p>\n");
    if (!f.concerns().isEmpty()) {
      html.append("<p class=\"concerns\">Also about: ").append(escape(f.concerns().stream().map(Subject::toString)
          .collect(Collectors.joining(", ")))).append("</p>\n");
    }
    if (!f.detail().isEmpty()) {
      html.append("<p>").append(HtmlProse.of(f.detail())).append("</p>\n");
    }
    html.append("<ul>\n");
    for (Evidence e : f.evidence()) {
      html.append("<li>").append(escape(ReportSummary.evidence(e))).append("</li>\n");
    }
    html.append("</ul>\n<p><b>Impact:</b> ").append(escape(ReportSummary.impact(f))).append("</p>\n");
    html.append("<p><b>Fix:</b> ").append(HtmlProse.of(f.fix().summary())).append("</p>\n");
    if (f.fix().sql() != null) {
      html.append("<pre><code>").append(escape(f.fix().sql())).append("</code></pre>\n");
    }
    if (f.fix().code() != null) {
      html.append("<p>Or with querydoctor-remedies:</p>\n<pre><code>").append(escape(f.fix().code()))
          .append("</code></pre>\n");
    }
    if (f.verification() != null) {
      html.append("<p><b>Verified:</b> ").append(HtmlProse.of(ReportSummary.verification(f.verification())))
          .append("</p>\n");
    }
  }

  private static void appendWorkload(StringBuilder html, WorkloadSection section) {
    html.append("<h2 id=\"workload\">Workload (by ").append(escape(section.sortedBy())).append(")</h2>\n<p>")
        .append(escape(WorkloadRows.headline(section.digest()))).append("</p>\n<p>Input: ")
        .append(escape(section.digest().parse().describe())).append("</p>\n")
        .append("<table class=\"workload sortable\"><thead><tr>");
    for (int i = 0; i < WorkloadRows.HEADER.size(); i++) {
      html.append(WorkloadRows.isNumeric(i) ? "<th class=\"num\">" : "<th>").append(escape(WorkloadRows.HEADER.get(i)))
          .append("</th>");
    }
    html.append("</tr></thead><tbody>\n");
    List<List<String>> rows = WorkloadRows.rows(section.digest());
    List<double[]> values = WorkloadRows.sortValues(section.digest());
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      html.append("<tr>");
      for (int i = 0; i < row.size() - 1; i++) {
        if (WorkloadRows.isNumeric(i)) {
          html.append("<td class=\"num\" data-sort=\"").append(values.get(r)[i]).append("\">");
        } else {
          html.append("<td>");
        }
        html.append(escape(row.get(i))).append("</td>");
      }
      html.append("<td><code>").append(escape(row.get(row.size() - 1))).append("</code></td></tr>\n");
    }
    html.append("</tbody></table>\n");
    if (section.baseline() != null) {
      var baseline = section.baseline();
      html.append("<p>Against baseline <code>").append(escape(baseline.baseline())).append("</code>: ")
          .append(baseline.regressions().size()).append(" regressed, ").append(baseline.newShapes()).append(" new, ")
          .append(baseline.vanishedShapes()).append(" vanished shapes.</p>\n<ul>\n");
      for (var change : baseline.topNew()) {
        html.append("<li>new: <code>").append(escape(change.example())).append("</code></li>\n");
      }
      for (var change : baseline.topVanished()) {
        html.append("<li>vanished: <code>").append(escape(change.example())).append("</code></li>\n");
      }
      html.append("</ul>\n");
    }
  }

  /** {@code 'sha256-…'}: the CSP source that allows exactly this inline script. */
  static String hash(String script) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Escapes text for HTML element content and attribute values. */
  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
