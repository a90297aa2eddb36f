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
