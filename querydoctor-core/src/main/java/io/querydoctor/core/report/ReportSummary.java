package io.querydoctor.core.report;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Verification;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/** Sentences every human-readable format shares, so that text, Markdown and HTML say the same thing. */
final class ReportSummary {

  private ReportSummary() {}

  /** "3 findings: 1 high, 2 medium" or "No findings." */
  static String headline(Report report) {
    String suppressed = report.suppressed().isEmpty() ? "" : " (" + suppressed(report) + ")";
    if (report.findings().isEmpty()) {
      return "No findings." + suppressed;
    }
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    report.findings().forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    StringJoiner parts = new StringJoiner(", ");
    counts.forEach((severity, n) -> parts.add(n + " " + severity.label()));
    int n = report.findings().size();
    return n + (n == 1 ? " finding: " : " findings: ") + parts + suppressed;
  }

  /** "rows_removed = 9,990 rows (threshold 1,000 rows)". */
  static String evidence(Evidence e) {
    String text = e.name() + " = " + Quantities.format(e.value(), e.unit());
    return e.threshold() == null ? text : text + " (threshold " + Quantities.format(e.threshold(), e.unit()) + ")";
  }

  /** "≈ 1.2 s of database time per hour (basis)", or just the basis when there is no time estimate. */
  static String impact(Finding f) {
    Impact impact = f.impact();
    if (impact.millisPerHour() == 0) {
      return impact.basis();
    }
    if (!impact.perHourShown()) {
      return "≈ " + Quantities.millis(impact.observedMillis()) + " of database time in the "
          + Quantities.millis(impact.windowMillis()) + " observed (" + impact.basis() + "; under "
          + Quantities.millis(Impact.MIN_WINDOW_FOR_RATE_MILLIS) + " is too short to say per hour)";
    }
    return "≈ " + Quantities.millis(impact.millisPerHour()) + " of database time per hour (" + impact.basis() + ")";
  }

  /** The cost column of an overview: "9.0 min/h", or "1.20 s in 10.00 s" from a window too short for a rate. */
  static String cost(Finding f) {
    Impact impact = f.impact();
    if (impact.millisPerHour() <= 0) {
      return "";
    }
    return impact.perHourShown() ? Quantities.millis(impact.millisPerHour()) + "/h"
        : Quantities.millis(impact.observedMillis()) + " in " + Quantities.millis(impact.windowMillis());
  }

  /** "measured: 182 ms → 0.40 ms (455×) over 5 runs — note". */
  static String verification(Verification v) {
    boolean time = v.metric().endsWith("_ms");
    String before = time ? Quantities.millis(v.before()) : Quantities.number(v.before());
    String after = time ? Quantities.millis(v.after()) : Quantities.number(v.after());
    String speedup = Double.isInfinite(v.speedup()) ? "" : String.format(java.util.Locale.ROOT, " (%.1f×)", v.speedup());
    String runs = v.runs() == null ? "" : " over " + Quantities.count(v.runs(), "run");
    String note = v.note() == null ? "" : " — " + v.note();
    return v.method().label() + " " + v.metric() + ": " + before + " → " + after + speedup + runs + note;
  }

  /** "Compared with base.json (saved …): 2 new findings, 1 resolved, 1 latency regression; shapes: 3 new, 1 gone". */
  static String comparison(RunComparison c) {
    String text = "Compared with " + c.baseline() + " (saved " + c.baselineSavedAt() + "): "
        + count(c.newFindings().size(), "new finding", "new findings") + ", "
        + c.resolvedFindings().size() + " resolved, "
        + count(c.regressions().size(), "latency regression", "latency regressions");
    if (c.workload() != null) {
      text += "; query shapes: " + c.workload().newShapes() + " new, " + c.workload().vanishedShapes() + " vanished";
    }
    return text;
  }

  /** One line per change: "new: [high] rule:subject — title", "resolved: …", "regressed: …", "new shape: SQL". */
  static java.util.List<String> comparisonLines(RunComparison c) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    c.newFindings().forEach(f -> lines.add("new: " + ref(f)));
    c.resolvedFindings().forEach(f -> lines.add("resolved: " + ref(f)));
    c.regressions().forEach(f -> lines.add("regressed: " + ref(f)));
    if (c.workload() != null) {
      c.workload().topNew().forEach(s -> lines.add("new shape: " + s.example()));
      c.workload().topVanished().forEach(s -> lines.add("vanished shape: " + s.example()));
    }
    return lines;
  }

  /** "2 findings suppressed". */
  static String suppressed(Report report) {
    return count(report.suppressed().size(), "finding", "findings") + " suppressed";
  }

  /** "[medium] rule:subject — title (reason: …)". */
  static String suppressed(SuppressedFinding s) {
    return "[" + s.severity().label() + "] " + s.key() + " — " + s.title() + " (reason: " + s.reason() + ")";
  }

  private static String ref(FindingRef f) {
    return "[" + f.severity().label() + "] " + f.key() + " — " + f.title();
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
