package io.querydoctor.core.report;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** A report to paste into a ticket or a pull request. */
public final class MarkdownReportRenderer implements ReportRenderer {

  @Override
  public void render(Report report, Writer out) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# QueryDoctor report: ").append(inline(report.target())).append("\n\n");
    md.append(ReportSummary.headline(report)).append("\n\n");
    if (!report.findings().isEmpty()) {
      md.append("| # | severity | rule | subject | impact |\n|---|---|---|---|---|\n");
      int rank = 1;
      for (Finding f : report.findings()) {
        md.append("| ").append(rank++).append(" | ").append(f.severity().label()).append(" | `")
            .append(f.ruleId()).append("` | ").append(cell(f.subject().toString())).append(" | ")
            .append(cell(ReportSummary.impact(f))).append(" |\n");
      }
    }
    int rank = 1;
    StatementIndex statements = new StatementIndex(report);
    for (Finding f : report.findings()) {
      md.append("\n## ").append(rank++).append(". ").append(inline(f.title())).append("\n\n");
      md.append("**").append(f.severity().label()).append("** · `").append(f.ruleId()).append("` · ")
          .append(inline(f.subject().toString())).append(" · key `").append(f.key().replace("`", "'"))
          .append("`\n\n");
      statements.queryOf(f).ifPresent(q -> md.append("Query: ").append(inline(q)).append("\n\n"));
      if (!f.detail().isEmpty()) {
        md.append(inline(f.detail())).append("\n\n");
      }
      for (Evidence e : f.evidence()) {
        md.append("- ").append(inline(ReportSummary.evidence(e))).append('\n');
      }
      md.append("\n**Fix:** ").append(inline(f.fix().summary())).append('\n');
      if (f.fix().sql() != null) {
        String fence = fenceFor(f.fix().sql());
        md.append('\n').append(fence).append("sql\n").append(f.fix().sql()).append('\n').append(fence).append('\n');
      }
      if (f.fix().code() != null) {
        String fence = fenceFor(f.fix().code());
        md.append("\nOr with querydoctor-remedies:\n\n").append(fence).append("java\n").append(f.fix().code())
            .append('\n').append(fence).append('\n');
      }
      if (f.verification() != null) {
        md.append("\n**Verified:** ").append(inline(ReportSummary.verification(f.verification()))).append('\n');
      }
      appendMerged(md, f);
    }
    appendAdvice(md, report.advice());
    List<List<String>> verified = VerifiedRows.rows(report.findings());
    if (!verified.isEmpty()) {
      md.append("\n## Verified fixes\n\n| ").append(String.join(" | ", VerifiedRows.HEADER)).append(" |\n|")
          .append("---|".repeat(VerifiedRows.HEADER.size())).append('\n');
      for (List<String> row : verified) {
        md.append("| ").append(String.join(" | ", row.stream().map(MarkdownReportRenderer::cell).toList()))
            .append(" |\n");
      }
    }
    if (report.workload() != null) {
      appendWorkload(md, report.workload());
    }
    appendPlans(md, report);
    if (report.comparison() != null) {
      md.append("\n## Compared with a baseline\n\n").append(inline(ReportSummary.comparison(report.comparison())))
          .append("\n\n");
      ReportSummary.comparisonLines(report.comparison()).forEach(line -> md.append("- ").append(inline(line))
          .append('\n'));
    }
    if (!report.suppressed().isEmpty()) {
      md.append("\n## Suppressed\n\n").append(ReportSummary.suppressed(report)).append(".\n\n");
      report.suppressed().forEach(s -> md.append("- ").append(inline(ReportSummary.suppressed(s))).append('\n'));
    }
    if (!report.skipped().isEmpty()) {
      md.append("\n## Skipped checks\n\n");
      for (SkippedCheck s : report.skipped()) {
        md.append("- `").append(s.check()).append("`: ").append(inline(s.reason())).append('\n');
      }
    }
    out.write(md.toString());
  }

  private static void appendWorkload(StringBuilder md, WorkloadSection section) {
    md.append("\n## Workload (by ").append(inline(section.sortedBy())).append(")\n\n")
        .append(inline(WorkloadRows.headline(section.digest()))).append("\n\n")
        .append("Input: ").append(inline(section.digest().parse().describe())).append("\n\n");
    md.append("| ").append(String.join(" | ", WorkloadRows.HEADER)).append(" |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (java.util.List<String> row : WorkloadRows.rows(section.digest())) {
      md.append('|');
      for (int i = 0; i < row.size(); i++) {
        String cell = i == row.size() - 1 && row.get(i).length() > 300 ? row.get(i).substring(0, 299) + "…" : row.get(i);
        md.append(' ').append(inline(cell)).append(" |");
      }
      md.append('\n');
    }
    if (section.baseline() != null) {
      var baseline = section.baseline();
      md.append("\nAgainst baseline ").append(inline(baseline.baseline())).append(": ")
          .append(baseline.regressions().size()).append(" regressed, ").append(baseline.newShapes()).append(" new, ")
          .append(baseline.vanishedShapes()).append(" vanished shapes.\n");
      for (var change : baseline.topNew()) {
        md.append("- new: ").append(inline(change.example())).append('\n');
      }
      for (var change : baseline.topVanished()) {
        md.append("- vanished: ").append(inline(change.example())).append('\n');
      }
    }
  }

  /** What else the finding is about, and the findings merged into it with their evidence. */
  private static void appendMerged(StringBuilder md, Finding f) {
    if (!f.concerns().isEmpty()) {
      md.append("\n**Also about:** ").append(inline(f.concerns().stream().map(Object::toString)
          .collect(java.util.stream.Collectors.joining(", ")))).append('\n');
    }
    if (f.supporting().isEmpty()) {
      return;
    }
    md.append("\n**Merged** (the same cause, seen as):\n\n");
    for (Finding s : f.supporting()) {
      md.append("- ").append(s.severity().label()).append(" `").append(s.ruleId()).append("` ")
          .append(inline(s.title())).append(" (").append(inline(s.subject().toString())).append(')')
          .append(s.verification() == null ? "" : " — verified: " + inline(ReportSummary.verification(s.verification())))
          .append('\n');
      for (Evidence e : s.evidence()) {
        md.append("  - ").append(inline(ReportSummary.evidence(e))).append('\n');
      }
    }
  }

  private static void appendPlans(StringBuilder md, Report report) {
    if (report.plans().isEmpty()) {
      return;
    }
    md.append("\n## Plans\n");
    for (QueryPlan plan : report.plans()) {
      String tree = plan.query() + "\n\n" + String.join("\n", PlanTreeText.lines(plan));
      String fence = fenceFor(tree);
      md.append("\nQuery `").append(plan.fingerprint()).append("`").append(plan.analyzed() ? " (EXPLAIN ANALYZE)"
          : " (estimates)").append(":\n\n").append(fence).append("text\n").append(tree).append('\n').append(fence)
          .append('\n');
    }
  }

  /** Escapes characters that Markdown (and HTML inside Markdown) would interpret. */
  static String inline(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '\\', '`', '*', '_', '[', ']', '|', '#' -> escaped.append('\\').append(c);
        case '\n' -> escaped.append(' ');
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A code fence longer than any run of backticks in {@code code}, so the code cannot close it (CommonMark). */
  static String fenceFor(String code) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < code.length(); i++) {
      run = code.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }

  private static String cell(String text) {
    return inline(text);
  }

  private static void appendAdvice(StringBuilder md, AdviceSection advice) {
    if (advice == null) {
      return;
    }
    md.append("\n## Index advice\n\n").append(inline(advice.costLine())).append("\n\n")
        .append(inline(advice.storageLine())).append("\n");
    if (!advice.rejected().isEmpty()) {
      md.append("\n| rejected candidate | why |\n|---|---|\n");
      advice.rejected().forEach(r -> md.append("| ").append(cell(r.definition())).append(" | ")
          .append(cell(r.reason())).append(" |\n"));
    }
  }
}
