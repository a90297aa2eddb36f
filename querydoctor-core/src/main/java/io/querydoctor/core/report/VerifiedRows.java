package io.querydoctor.core.report;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The before/after table of the fixes a diagnosis verified, shared by the text and Markdown reports: one row per
 * verified finding (merged ones included), in report order.
 */
final class VerifiedRows {

  static final List<String> HEADER = List.of("finding", "method", "before", "after", "speedup", "p95 before → after",
      "verdict");

  private VerifiedRows() {}

  static List<List<String>> rows(List<Finding> findings) {
    List<List<String>> rows = new ArrayList<>();
    for (Finding head : findings) {
      add(rows, head);
      head.supporting().forEach(f -> add(rows, f));
    }
    return rows;
  }

  private static void add(List<List<String>> rows, Finding finding) {
    Verification v = finding.verification();
    if (v == null) {
      return;
    }
    boolean time = v.metric().endsWith("_ms");
    String speedup = Double.isInfinite(v.speedup()) ? "∞" : String.format(Locale.ROOT, "%.1f×", v.speedup());
    String p95 = v.p95Before() == null || v.p95After() == null ? "–"
        : Quantities.millis(v.p95Before()) + " → " + Quantities.millis(v.p95After());
    rows.add(List.of(finding.ruleId() + " " + finding.subject().name(),
        v.method().label() + (v.runs() == null ? "" : ", " + v.runs() + " runs"),
        time ? Quantities.millis(v.before()) : Quantities.number(v.before()),
        time ? Quantities.millis(v.after()) : Quantities.number(v.after()), speedup, p95,
        v.improved() ? "better" : "no improvement"));
  }
}
