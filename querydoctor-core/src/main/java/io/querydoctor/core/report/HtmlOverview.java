package io.querydoctor.core.report;

import static io.querydoctor.core.report.HtmlReportRenderer.escape;

import io.querydoctor.core.finding.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The top of an HTML report: links to its sections, then one row per finding (rank, severity, cost, rule,
 * title) linking to the finding, as the terminal report's overview does.
 */
final class HtmlOverview {

  private HtmlOverview() {}

  static void append(StringBuilder html, Report report) {
    List<String[]> sections = new ArrayList<>();
    sections.add(new String[] {"summary", "Summary"});
    if (!report.findings().isEmpty()) {
      sections.add(new String[] {"finding-1", "Findings"});
    }
    if (report.advice() != null) {
      sections.add(new String[] {"advice", "Index advice"});
    }
    if (!report.plans().isEmpty()) {
      sections.add(new String[] {"plans", "Plans"});
    }
    if (report.comparison() != null) {
      sections.add(new String[] {"comparison", "Baseline"});
    }
    if (!report.suppressed().isEmpty()) {
      sections.add(new String[] {"suppressed", "Suppressed"});
    }
    if (report.workload() != null) {
      sections.add(new String[] {"workload", "Workload"});
    }
    if (!report.skipped().isEmpty()) {
      sections.add(new String[] {"skipped", "Skipped checks"});
    }
    html.append("<nav>");
    for (String[] section : sections) {
      html.append("<a href=\"#").append(section[0]).append("\">").append(section[1]).append("</a> ");
    }
    html.append("</nav>\n<h2 id=\"summary\">Summary</h2>\n");
    if (report.findings().isEmpty()) {
      return;
    }
    html.append("<table class=\"sortable overview\"><thead><tr><th class=\"num\">#</th><th>severity</th>")
        .append("<th class=\"num\">cost</th><th>rule</th><th>finding</th></tr></thead><tbody>\n");
    int rank = 1;
    for (Finding f : report.findings()) {
      double cost = f.impact().millisPerHour();
      html.append("<tr><td class=\"num\" data-sort=\"").append(rank).append("\">").append(rank)
          .append("</td><td data-sort=\"").append(f.severity().ordinal()).append("\"><span class=\"sev ")
          .append(f.severity().label()).append("\">").append(f.severity().label()).append("</span></td>")
          .append("<td class=\"num\" data-sort=\"").append(cost).append("\">")
          .append(cost > 0 ? escape(ReportSummary.cost(f)) : "–").append("</td><td><code>")
          .append(escape(f.ruleId())).append("</code></td><td><a href=\"#finding-").append(rank).append("\">")
          .append(HtmlProse.of(f.title())).append("</a></td></tr>\n");
      rank++;
    }
    html.append("</tbody></table>\n");
  }
}
