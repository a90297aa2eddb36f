package io.querydoctor.core.digest;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a digest with a saved baseline, shape by shape (fingerprints are stable across runs and JVMs).
 * {@code latency-regression}: with enough calls in both, the p95 (when both sources have one) or the mean is at
 * least the factor above the baseline's, and above the noise floor. New and vanished shapes are listed,
 * heaviest first. High severity when the regressed shape takes ≥ 10 % of the workload's time.
 */
public final class BaselineComparison {

  public static final String RULE = "latency-regression";

  /** How many new/vanished shapes a report names; the counts are always complete. */
  static final int LISTED_CHANGES = 10;

  private final DigestThresholds thresholds;

  public BaselineComparison(DigestThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public BaselineChanges compare(WorkloadDigest current, DigestFile baseline, String baselineName) {
    Map<String, ShapeDigest> before = new HashMap<>();
    for (ShapeDigest shape : baseline.digest().shapes()) {
      before.put(shape.fingerprint(), shape);
    }
    List<Finding> regressions = new ArrayList<>();
    List<ShapeChange> added = new ArrayList<>();
    for (ShapeDigest now : current.shapes()) {
      ShapeDigest then = before.remove(now.fingerprint());
      if (then == null) {
        added.add(ShapeChange.of(now));
      } else {
        regression(current, now, then).ifPresent(regressions::add);
      }
    }
    List<ShapeChange> vanished = before.values().stream().map(ShapeChange::of).toList();
    return new BaselineChanges(baselineName, baseline.savedAt(), regressions, added.size(), top(added),
        vanished.size(), top(vanished));
  }

  private java.util.Optional<Finding> regression(WorkloadDigest digest, ShapeDigest now, ShapeDigest then) {
    if (now.calls() < thresholds.regressionMinCalls() || then.calls() < thresholds.regressionMinCalls()) {
      return java.util.Optional.empty();
    }
    boolean p95 = now.p95Millis() != null && then.p95Millis() != null;
    String measure = p95 ? "p95" : "mean";
    double current = p95 ? now.p95Millis() : now.meanMillis();
    double base = p95 ? then.p95Millis() : then.meanMillis();
    double factor = base > 0 ? current / base : Double.POSITIVE_INFINITY;
    if (p95 && factor < thresholds.regressionFactor() && then.meanMillis() > 0
        && now.meanMillis() / then.meanMillis() >= thresholds.regressionFactor()) {
      measure = "mean";
      current = now.meanMillis();
      base = then.meanMillis();
      factor = current / base;
    }
    if (factor < thresholds.regressionFactor() || current < thresholds.regressionMinMillis()) {
      return java.util.Optional.empty();
    }
    double hours = DigestPeriod.hours(digest);
    double extraPerHour = Math.max(0, now.meanMillis() - then.meanMillis()) * now.calls() / hours;
    Severity severity = digest.shareOfTime(now) >= 0.10 ? Severity.HIGH : Severity.MEDIUM;
    return java.util.Optional.of(Finding.builder(RULE, severity)
        .title(String.format(java.util.Locale.ROOT, "Latency regression (%s %s → %s, %.1f×): %s", measure,
            Quantities.millis(base), Quantities.millis(current), factor, now.headline(SlowQueryRule.TITLE_CHARS)))
        .subject(Subject.fingerprint(now.fingerprint()))
        .detail("`" + now.example() + "` got slower than in the baseline: " + measure + " "
            + Quantities.millis(base) + " then, " + Quantities.millis(current) + " now, over "
            + Quantities.count(now.calls(), "call") + " (" + Quantities.number(then.calls()) + " then).")
        .evidence(Evidence.crossed(measure + "_ratio", factor, "x", thresholds.regressionFactor()))
        .evidence(Evidence.of(measure + "_time", current, "ms"))
        .evidence(Evidence.of("baseline_" + measure + "_time", base, "ms"))
        .evidence(Evidence.of("calls", now.calls(), "count"))
        .impact(new Impact(extraPerHour, "(mean now − mean then) × calls " + DigestPeriod.describe(digest)))
        .fix(Fix.action("Compare its plan now with then (EXPLAIN (ANALYZE, BUFFERS)); check statistics "
            + "(ANALYZE), data growth and recent schema or index changes."))
        .build());
  }

  private static List<ShapeChange> top(List<ShapeChange> changes) {
    return changes.stream().sorted(Comparator.comparingDouble(ShapeChange::totalMillis).reversed()
        .thenComparing(ShapeChange::fingerprint)).limit(LISTED_CHANGES).toList();
  }
}
