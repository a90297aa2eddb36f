package io.querydoctor.core.detect;

import io.querydoctor.core.capture.CallSite;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.report.Quantities;
import java.util.Locale;

/**
 * A rule's detections for one (scope name, fingerprint), aggregated across the runs of that scope.
 *
 * @param ruleId the rule
 * @param scopeName the scope name
 * @param fingerprintId the fingerprint, or {@code null} for scope-level rules
 * @param example redacted statement (or description)
 * @param callSite first call site seen, or {@code null}
 * @param comment first leading SQL comment seen, or {@code null}
 * @param scopeRuns how many times a scope of this name closed
 * @param occurrences in how many of those runs the rule fired
 * @param totalCount statements involved over all runs
 * @param maxCount most statements involved in one run
 * @param totalNanos database time of those statements over all runs
 * @param totalScopeNanos duration of the runs where it fired
 * @param maxValue largest measured value
 * @param windowNanos the span of captured time, for the per-hour impact
 */
public record DetectionSummary(
    String ruleId,
    String scopeName,
    String fingerprintId,
    String example,
    CallSite callSite,
    String comment,
    long scopeRuns,
    long occurrences,
    long totalCount,
    long maxCount,
    long totalNanos,
    long totalScopeNanos,
    double maxValue,
    long windowNanos) {

  public double totalMillis() {
    return totalNanos / 1e6;
  }

  /** Share of the scopes' time spent in the statements involved, 0…1. */
  public double shareOfScope() {
    return totalScopeNanos <= 0 ? 0 : Math.min(1, (double) totalNanos / totalScopeNanos);
  }

  /** Calls per run where it fired, on average. */
  public double countPerRun() {
    return occurrences == 0 ? 0 : (double) totalCount / occurrences;
  }

  /** The time the involved statements took over the captured window (per hour only from a long enough one). */
  public Impact impact() {
    double windowMillis = Math.max(1.0, windowNanos / 1e9) * 1000;
    return Impact.observed(totalMillis(), windowMillis, String.format(Locale.ROOT,
        "%s in %s over %s of captured work", Quantities.millis(totalMillis()), Quantities.count(totalCount, "statement"),
        Quantities.millis(windowMillis)));
  }

  /** "at com.example.Foo.bar(Foo.java:12)" or empty. */
  public String where() {
    return callSite == null ? "" : " at " + callSite;
  }
}
