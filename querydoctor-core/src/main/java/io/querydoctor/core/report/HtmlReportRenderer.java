package io.querydoctor.core.report;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import java.io.IOException;
import java.io.Writer;

/**
 * One self-contained HTML file: no scripts or styles from the network. Every piece of text is escaped,
 * because SQL, identifiers and log lines can contain markup.
 */
public final class HtmlReportRenderer implements ReportRenderer {

  private static final String STYLE = """
      body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:64em;color:#222}
      h1{font-size:1.5em}.finding{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:1em 0}
      .sev{font-weight:bold;text-transform:uppercase;padding:0 .4em;border-radius:3px;color:#fff}
      .critical{background:#8b0000}.high{background:#c0392b}.medium{background:#d68910}
      .low{background:#2e86c1}.info{background:#7f8c8d}pre{background:#f6f6f6;padding:.6em;overflow:auto}
      table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .6em;text-align:left}
      """;

  @Override
  public void render(Report report, Writer out) throws IOException {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>QueryDoctor report</title><style>").append(STYLE).append("</style></head><body>\n");
    html.append("<h1>QueryDoctor report: ").append(escape(report.target())).append("</h1>\n");
    html.append("<p class=\"headline\">").append(escape(ReportSummary.headline(report))).append("</p>\n");
    for (Finding f : report.findings()) {
      appendFinding(html, f);
    }
    if (report.workload() != null) {
      appendWorkload(html, report.workload());
    }
    if (!report.skipped().isEmpty()) {
      html.append("<h2>Skipped checks</h2><ul>\n");
      for (SkippedCheck s : report.skipped()) {
        html.append("<li><code>").append(escape(s.check())).append("</code>: ").append(escape(s.reason()))
            .append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("<p><small>Generated ").append(escape(report.generatedAt().toString())).append(" by ")
        .append(escape(report.tool())).append("</small></p>\n</body></html>\n");
    out.write(html.toString());
  }

  private static void appendFinding(StringBuilder html, Finding f) {
    String severity = f.severity().label();
    html.append("<div class=\"finding\" data-rule=\"").append(escape(f.ruleId())).append("\">\n<h2><span class=\"sev ")
        .append(severity).append("\">").append(severity).append("</span> ").append(escape(f.title())).append("</h2>\n");
    html.append("<p><code>").append(escape(f.ruleId())).append("</code> · ").append(escape(f.subject().toString()))
        .append("</p>\n");
    if (!f.detail().isEmpty()) {
      html.append("<p>").append(escape(f.detail())).append("</p>\n");
    }
    html.append("<ul>\n");
    for (Evidence e : f.evidence()) {
      html.append("<li>").append(escape(ReportSummary.evidence(e))).append("</li>\n");
    }
    html.append("</ul>\n<p><b>Impact:</b> ").append(escape(ReportSummary.impact(f))).append("</p>\n");
    html.append("<p><b>Fix:</b> ").append(escape(f.fix().summary())).append("</p>\n");
    if (f.fix().sql() != null) {
      html.append("<pre><code>").append(escape(f.fix().sql())).append("</code></pre>\n");
    }
    if (f.verification() != null) {
      html.append("<p><b>Verified:</b> ").append(escape(ReportSummary.verification(f.verification())))
          .append("</p>\n");
    }
    html.append("</div>\n");
  }

  private static void appendWorkload(StringBuilder html, WorkloadSection section) {
    html.append("<h2>Workload (by ").append(escape(section.sortedBy())).append(")</h2>\n<p>")
        .append(escape(WorkloadRows.headline(section.digest()))).append("</p>\n<p>Input: ")
        .append(escape(section.digest().parse().describe())).append("</p>\n<table class=\"workload\"><tr>");
    for (String heading : WorkloadRows.HEADER) {
      html.append("<th>").append(escape(heading)).append("</th>");
    }
    html.append("</tr>\n");
    for (java.util.List<String> row : WorkloadRows.rows(section.digest())) {
      html.append("<tr>");
      for (int i = 0; i < row.size() - 1; i++) {
        html.append("<td>").append(escape(row.get(i))).append("</td>");
      }
      html.append("<td><code>").append(escape(row.get(row.size() - 1))).append("</code></td></tr>\n");
    }
    html.append("</table>\n");
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
