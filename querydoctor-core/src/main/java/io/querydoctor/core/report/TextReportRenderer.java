package io.querydoctor.core.report;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The terminal report. Compact by default: a ranked overview of the findings, then the top ones each with the
 * evidence that crossed a threshold and the fix, then the workload's top query shapes. {@code --verbose} shows
 * everything: every finding in full with why it matters, what else it concerns, its merged findings, all its
 * evidence, and the plan trees. ANSI colours only when asked (a terminal).
 */
public final class TextReportRenderer implements ReportRenderer {

  /** How many findings the compact report shows in full. */
  static final int FULL_FINDINGS = 5;
  /** How many findings the compact overview lists. */
  static final int OVERVIEW_FINDINGS = 20;
  /** Evidence lines per finding in the compact report (those that crossed a threshold come first). */
  static final int COMPACT_EVIDENCE = 3;
  /** Longest statement text shown in a table row; the JSON form has it in full. */
  static final int STATEMENT_CHARS = 100;

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
    appendOverview(text, findings);
    int full = options.verbose() ? findings.size() : Math.min(FULL_FINDINGS, findings.size());
    StatementIndex statements = new StatementIndex(report);
    for (int i = 0; i < full; i++) {
      appendFinding(text, i + 1, findings.get(i), statements);
    }
    if (full < findings.size()) {
      String rest = full + 1 == findings.size() ? "Finding " + findings.size() + " is"
          : "Findings " + (full + 1) + "–" + findings.size() + " are";
      text.append('\n').append(dim(rest + " in the overview above; --verbose shows every finding in full."))
          .append('\n');
    }
    appendVerified(text, report.findings());
    appendAdvice(text, report.advice());
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

  /** One line per finding, most costly first: rank, severity, time per hour, rule, title. */
  private void appendOverview(StringBuilder text, List<Finding> findings) {
    if (findings.size() < 2) {
      return;
    }
    int shown = options.verbose() ? findings.size() : Math.min(OVERVIEW_FINDINGS, findings.size());
    int ruleWidth = findings.stream().limit(shown).mapToInt(f -> f.ruleId().length()).max().orElse(0);
    int costWidth = Math.max(9, findings.stream().limit(shown).mapToInt(f -> ReportSummary.cost(f).length()).max()
        .orElse(0));
    text.append('\n');
    for (int i = 0; i < shown; i++) {
      Finding f = findings.get(i);
      String cost = ReportSummary.cost(f);
      text.append(String.format(Locale.ROOT, "%3d. ", i + 1)).append(severityTag(f.severity()))
          .append(" ".repeat(10 - tagWidth(f.severity()))).append(" ".repeat(costWidth - cost.length())).append(cost).append("  ")
          .append(f.ruleId()).append(" ".repeat(ruleWidth - f.ruleId().length() + 2))
          .append(oneLine(f.title(), STATEMENT_CHARS)).append('\n');
    }
    if (shown < findings.size()) {
      text.append(dim("     … and " + (findings.size() - shown) + " more (--verbose lists them all)")).append('\n');
    }
  }

  private void appendFinding(StringBuilder text, int rank, Finding f, StatementIndex statements) {
    text.append('\n').append(rank).append(". ").append(severityTag(f.severity())).append(' ')
        .append(bold(f.ruleId())).append("  ").append(f.title()).append('\n');
    text.append("   subject: ").append(f.subject()).append('\n');
    statements.queryOf(f).ifPresent(q -> text.append("   query: ").append(oneLine(q, 2 * STATEMENT_CHARS)).append('\n'));
    text.append(dim("   key: " + f.key() + " (--suppress accepts it)")).append('\n');
    if (options.verbose()) {
      if (!f.concerns().isEmpty()) {
        text.append("   also about: ").append(f.concerns().stream().map(Subject::toString)
            .collect(Collectors.joining(", "))).append('\n');
      }
      if (!f.detail().isEmpty()) {
        text.append("   why: ").append(f.detail()).append('\n');
      }
    }
    List<Evidence> evidence = shownEvidence(f);
    for (Evidence e : evidence) {
      text.append("   - ").append(ReportSummary.evidence(e)).append('\n');
    }
    if (evidence.size() < f.evidence().size()) {
      text.append(dim("   - … " + Quantities.count(f.evidence().size() - evidence.size(), "more number") + " (--verbose)")).append('\n');
    }
    text.append("   impact: ").append(ReportSummary.impact(f)).append('\n');
    text.append("   fix: ").append(f.fix().summary()).append('\n');
    if (f.fix().sql() != null) {
      for (String line : f.fix().sql().split("\n")) {
        text.append("       ").append(colour("32", line)).append('\n');
      }
    }
    if (f.fix().code() != null) {
      text.append("   or with querydoctor-remedies:\n");
      for (String line : f.fix().code().split("\n")) {
        text.append("       ").append(colour("32", line)).append('\n');
      }
    }
    if (f.verification() != null) {
      text.append("   verified: ").append(ReportSummary.verification(f.verification())).append('\n');
    }
    appendSupporting(text, f);
  }

  /** Compact: the numbers that crossed a threshold first, at most a few; verbose: all. */
  private List<Evidence> shownEvidence(Finding f) {
    if (options.verbose()) {
      return f.evidence();
    }
    List<Evidence> ordered = new ArrayList<>(f.evidence());
    ordered.sort((a, b) -> Boolean.compare(a.threshold() == null, b.threshold() == null));
    return ordered.subList(0, Math.min(COMPACT_EVIDENCE, ordered.size()));
  }

  private void appendSupporting(StringBuilder text, Finding f) {
    if (f.supporting().isEmpty()) {
      return;
    }
    if (!options.verbose()) {
      text.append("   merged: ").append(Quantities.count(f.supporting().size(), "supporting finding"))
          .append(" about the same cause (")
          .append(f.supporting().stream().map(Finding::ruleId).distinct().collect(Collectors.joining(", ")))
          .append("; --verbose shows them)\n");
      return;
    }
    text.append("   merged, the same cause seen as:\n");
    for (Finding s : f.supporting()) {
      text.append("     + ").append(severityTag(s.severity())).append(' ').append(s.ruleId()).append("  ")
          .append(s.title()).append(" (").append(s.subject()).append(")\n");
      for (Evidence e : s.evidence()) {
        text.append("         - ").append(ReportSummary.evidence(e)).append('\n');
      }
      if (s.verification() != null) {
        text.append("         verified: ").append(ReportSummary.verification(s.verification())).append('\n');
      }
    }
  }

  /** The advisor's budget, costs and rejected candidates (advise). */
  private void appendAdvice(StringBuilder text, AdviceSection advice) {
    if (advice == null) {
      return;
    }
    text.append('\n').append(bold("Index advice")).append('\n').append(advice.costLine()).append('\n')
        .append(advice.storageLine()).append('\n');
    if (!advice.rejected().isEmpty()) {
      text.append("Rejected candidates:\n");
      advice.rejected().forEach(r -> text.append("  ").append(r.definition()).append(": ").append(r.reason())
          .append('\n'));
    }
  }

  /** The before/after table: what each verified fix did, measured on the sandbox (or estimated). */
  private void appendVerified(StringBuilder text, List<Finding> findings) {
    List<List<String>> rows = VerifiedRows.rows(findings);
    if (rows.isEmpty()) {
      return;
    }
    text.append('\n').append(bold("Verified fixes")).append(" (before → after: the median of timed runs when "
        + "measured, the planner's cost when estimated; the fix and what was timed are under each finding)\n");
    rows.add(0, VerifiedRows.HEADER);
    int[] widths = new int[VerifiedRows.HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], Math.min(row.get(i).length(), 60));
      }
    }
    for (List<String> row : rows) {
      text.append(' ');
      for (int i = 0; i < widths.length; i++) {
        String cell = oneLine(row.get(i), 60);
        text.append(' ').append(i == 0 ? cell + " ".repeat(widths[i] - cell.length())
            : " ".repeat(widths[i] - cell.length()) + cell);
      }
      text.append('\n');
    }
  }

  private void appendWorkload(StringBuilder text, WorkloadSection section) {
    text.append('\n').append(bold("Workload")).append(" (by ").append(section.sortedBy()).append("): ")
        .append(WorkloadRows.headline(section.digest())).append('\n');
    text.append("Input: ").append(section.digest().parse().describe()).append('\n');
    List<List<String>> rows = new ArrayList<>();
    rows.add(WorkloadRows.HEADER);
    // The table is as long as the command's --top made it: it is what a digest is for.
    for (List<String> row : WorkloadRows.rows(section.digest())) {
      List<String> cells = new ArrayList<>(row);
      cells.set(WorkloadRows.STATEMENT, oneLine(row.get(WorkloadRows.STATEMENT), STATEMENT_CHARS));
      rows.add(cells);
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
      text.append("  ").append(row.get(WorkloadRows.STATEMENT)).append('\n');
    }
    if (section.baseline() != null) {
      var baseline = section.baseline();
      text.append("Against baseline ").append(baseline.baseline()).append(" (saved ").append(baseline.baselineSavedAt())
          .append("): ").append(baseline.regressions().size()).append(" regressed, ").append(baseline.newShapes())
          .append(" new, ").append(baseline.vanishedShapes()).append(" vanished shapes\n");
      for (var change : baseline.topNew()) {
        text.append("  + ").append(oneLine(change.example(), STATEMENT_CHARS)).append("  (")
            .append(Quantities.count(change.calls(), "call")).append(")\n");
      }
      for (var change : baseline.topVanished()) {
        text.append("  - ").append(oneLine(change.example(), STATEMENT_CHARS)).append("  (")
            .append(Quantities.count(change.calls(), "call")).append(" then)\n");
      }
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

  private static String oneLine(String text, int max) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }

  private static int tagWidth(Severity severity) {
    return severity.label().length() + 2;
  }

  private String severityTag(Severity severity) {
    String tag = "[" + severity.label().toUpperCase(Locale.ROOT) + "]";
    String code = switch (severity) {
      case CRITICAL -> "1;31";
      case HIGH -> "31";
      case MEDIUM -> "33";
      case LOW -> "36";
      case INFO -> "2";
    };
    return colour(code, tag);
  }

  private String bold(String text) {
    return colour("1", text);
  }

  private String dim(String text) {
    return colour("2", text);
  }

  private String colour(String code, String text) {
    return options.colour() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
