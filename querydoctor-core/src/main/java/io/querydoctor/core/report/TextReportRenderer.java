package io.querydoctor.core.report;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The terminal report: the top findings in full, the rest one line each (all in full with --verbose). */
public final class TextReportRenderer implements ReportRenderer {

  /** How many findings the compact report shows in full. */
  static final int FULL_FINDINGS = 10;

  private final RenderOptions options;

  public TextReportRenderer(RenderOptions options) {
    this.options = options;
  }

  @Override
  public void render(Report report, Writer out) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append(bold("QueryDoctor report")).append(" for ").append(report.target()).append('\n');
    text.append(ReportSummary.headline(report)).append('\n');
    List<Finding> findings = report.findings();
    int full = options.verbose() ? findings.size() : Math.min(FULL_FINDINGS, findings.size());
    for (int i = 0; i < full; i++) {
      appendFinding(text, i + 1, findings.get(i));
    }
    if (full < findings.size()) {
      text.append("\nMore findings (--verbose shows them in full):\n");
      for (int i = full; i < findings.size(); i++) {
        Finding f = findings.get(i);
        text.append("  ").append(i + 1).append(". ").append(severityTag(f.severity())).append(' ')
            .append(f.ruleId()).append("  ").append(f.title()).append('\n');
      }
    }
    if (report.workload() != null) {
      appendWorkload(text, report.workload());
    }
    appendPlans(text, report);
    if (report.comparison() != null) {
      text.append('\n').append(bold(ReportSummary.comparison(report.comparison()))).append('\n');
      ReportSummary.comparisonLines(report.comparison())
          .forEach(line -> text.append("  ").append(oneLine(line, 2 * STATEMENT_CHARS)).append('\n'));
    }
    if (!report.suppressed().isEmpty()) {
      text.append('\n').append(ReportSummary.suppressed(report)).append(":\n");
      report.suppressed().forEach(s -> text.append("  - ").append(ReportSummary.suppressed(s)).append('\n'));
    }
    if (!report.skipped().isEmpty()) {
      text.append("\nSkipped checks:\n");
      for (SkippedCheck skipped : report.skipped()) {
        text.append("  - ").append(skipped.check()).append(": ").append(skipped.reason()).append('\n');
      }
    }
    out.write(text.toString());
  }

  private void appendFinding(StringBuilder text, int rank, Finding f) {
    text.append('\n').append(rank).append(". ").append(severityTag(f.severity())).append(' ')
        .append(bold(f.ruleId())).append("  ").append(f.title()).append('\n');
    text.append("   subject: ").append(f.subject()).append('\n');
    if (!f.detail().isEmpty()) {
      text.append("   why: ").append(f.detail()).append('\n');
    }
    for (Evidence e : f.evidence()) {
      text.append("   - ").append(ReportSummary.evidence(e)).append('\n');
    }
    text.append("   impact: ").append(ReportSummary.impact(f)).append('\n');
    text.append("   fix: ").append(f.fix().summary()).append('\n');
    if (f.fix().sql() != null) {
      for (String line : f.fix().sql().split("\n")) {
        text.append("       ").append(line).append('\n');
      }
    }
    if (f.verification() != null) {
      text.append("   verified: ").append(ReportSummary.verification(f.verification())).append('\n');
    }
  }

  private void appendPlans(StringBuilder text, Report report) {
    if (report.plans().isEmpty()) {
      return;
    }
    if (!options.verbose()) {
      text.append('\n').append(bold("Plans")).append(": ").append(report.plans().size())
          .append(" queries explained (--verbose, --format html or json show the trees)\n");
      return;
    }
    text.append('\n').append(bold("Plans")).append('\n');
    for (QueryPlan plan : report.plans()) {
      text.append("\nQuery ").append(plan.fingerprint()).append(": ").append(oneLine(plan.query(), STATEMENT_CHARS))
          .append('\n');
      PlanTreeText.lines(plan).forEach(line -> text.append("  ").append(line).append('\n'));
    }
  }

  /** Longest statement text shown in a table row; the JSON form has it in full. */
  static final int STATEMENT_CHARS = 100;

  private void appendWorkload(StringBuilder text, WorkloadSection section) {
    text.append('\n').append(bold("Workload")).append(" (by ").append(section.sortedBy()).append("): ")
        .append(WorkloadRows.headline(section.digest())).append('\n');
    text.append("Input: ").append(section.digest().parse().describe()).append('\n');
    List<List<String>> rows = new java.util.ArrayList<>();
    rows.add(WorkloadRows.HEADER);
    for (List<String> row : WorkloadRows.rows(section.digest())) {
      List<String> shown = new java.util.ArrayList<>(row);
      shown.set(7, oneLine(row.get(7), STATEMENT_CHARS));
      rows.add(shown);
    }
    int[] widths = new int[WorkloadRows.HEADER.size() - 1];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      text.append(' ');
      for (int i = 0; i < widths.length; i++) {
        text.append(' ').append(" ".repeat(widths[i] - row.get(i).length())).append(row.get(i));
      }
      text.append("  ").append(row.get(7)).append('\n');
    }
    if (section.baseline() != null) {
      var baseline = section.baseline();
      text.append("Against baseline ").append(baseline.baseline()).append(" (saved ").append(baseline.baselineSavedAt())
          .append("): ").append(baseline.regressions().size()).append(" regressed, ").append(baseline.newShapes())
          .append(" new, ").append(baseline.vanishedShapes()).append(" vanished shapes\n");
      for (var change : baseline.topNew()) {
        text.append("  + ").append(oneLine(change.example(), STATEMENT_CHARS)).append("  (")
            .append(Quantities.number(change.calls())).append(" calls)\n");
      }
      for (var change : baseline.topVanished()) {
        text.append("  - ").append(oneLine(change.example(), STATEMENT_CHARS)).append("  (")
            .append(Quantities.number(change.calls())).append(" calls then)\n");
      }
    }
  }

  private static String oneLine(String text, int max) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }

  private String severityTag(Severity severity) {
    String tag = "[" + severity.label().toUpperCase(java.util.Locale.ROOT) + "]";
    if (!options.colour()) {
      return tag;
    }
    String code = switch (severity) {
      case CRITICAL -> "1;31";
      case HIGH -> "31";
      case MEDIUM -> "33";
      case LOW -> "36";
      case INFO -> "2";
    };
    return "\u001b[" + code + "m" + tag + "\u001b[0m";
  }

  private String bold(String text) {
    return options.colour() ? "\u001b[1m" + text + "\u001b[0m" : text;
  }
}
