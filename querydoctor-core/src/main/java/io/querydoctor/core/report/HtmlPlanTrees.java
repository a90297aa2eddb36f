package io.querydoctor.core.report;

import static io.querydoctor.core.report.HtmlReportRenderer.escape;

import io.querydoctor.core.finding.Finding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan trees of the HTML report: each explained query as nested lists, node by node with its numbers and
 * conditions, and the findings at a node linked to where the report shows them in full (a merged finding links
 * to the finding it was merged into).
 */
final class HtmlPlanTrees {

  private HtmlPlanTrees() {}

  static void append(StringBuilder html, Report report) {
    if (report.plans().isEmpty()) {
      return;
    }
    Map<String, Integer> rankByKey = ranks(report.findings());
    html.append("<h2 id=\"plans\">Plans</h2>\n");
    for (QueryPlan plan : report.plans()) {
      html.append("<section class=\"plan\" data-fingerprint=\"").append(escape(plan.fingerprint())).append("\">\n")
          .append("<h3>Query ").append(escape(plan.fingerprint())).append(plan.analyzed() ? " (EXPLAIN ANALYZE)"
              : " (estimates)").append("</h3>\n<pre><code>").append(escape(plan.query())).append("</code></pre>\n")
          .append("<ul class=\"tree\">\n");
      appendNode(html, plan.root(), rankByKey);
      html.append("</ul>\n</section>\n");
    }
  }

  private static void appendNode(StringBuilder html, PlanTreeNode node, Map<String, Integer> rankByKey) {
    html.append("<li><div class=\"node").append(node.findings().isEmpty() ? "" : " flagged")
        .append("\" data-node=\"").append(node.id()).append("\"><b>#").append(node.id()).append(' ')
        .append(escape(node.label())).append("</b> <span class=\"nums\">").append(escape(numbers(node)))
        .append("</span>");
    for (String condition : node.conditions()) {
      html.append("<span class=\"cond\"><br>").append(escape(condition)).append("</span>");
    }
    for (PlanTreeNode.NodeFinding f : node.findings()) {
      String severity = f.severity().label();
      html.append("<span class=\"node-finding\"><span class=\"sev ").append(severity).append("\">").append(severity)
          .append("</span> ");
      Integer rank = rankByKey.get(f.key());
      if (rank != null) {
        html.append("<a href=\"#finding-").append(rank).append("\">").append(escape(f.ruleId())).append("</a>");
      } else {
        html.append("<code>").append(escape(f.ruleId())).append("</code>");
      }
      html.append(": ").append(escape(f.title())).append("</span>");
    }
    html.append("</div>");
    if (!node.children().isEmpty()) {
      html.append("\n<ul>\n");
      for (PlanTreeNode child : node.children()) {
        appendNode(html, child, rankByKey);
      }
      html.append("</ul>");
    }
    html.append("</li>\n");
  }

  /** "est. 10 rows, cost 35.5 · actual 3 rows × 2 loops, 0.12 ms". */
  static String numbers(PlanTreeNode node) {
    StringBuilder text = new StringBuilder();
    if (node.estimatedRows() != null) {
      text.append("est. ").append(Quantities.number(node.estimatedRows())).append(" rows");
    }
    if (node.totalCost() != null) {
      text.append(text.isEmpty() ? "" : ", ").append("cost ").append(Quantities.number(node.totalCost()));
    }
    if (node.actualRows() != null) {
      text.append(" · actual ").append(Quantities.number(node.actualRows())).append(" rows");
      if (node.loops() != null && node.loops() > 1) {
        text.append(" × ").append(Quantities.number(node.loops())).append(" loops");
      }
      if (node.actualMillis() != null) {
        text.append(", ").append(Quantities.millis(node.actualMillis()));
      }
    }
    return text.toString();
  }

  /** The rank of each finding by its key, and of each merged finding by the key of what it was merged into. */
  private static Map<String, Integer> ranks(List<Finding> findings) {
    Map<String, Integer> ranks = new HashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      ranks.putIfAbsent(f.key(), i + 1);
      for (Finding s : f.supporting()) {
        ranks.putIfAbsent(s.key(), i + 1);
      }
    }
    return ranks;
  }
}
