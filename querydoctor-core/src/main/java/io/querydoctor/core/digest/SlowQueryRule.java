package io.querydoctor.core.digest;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code slow-query} from a digest: a shape whose p95 (its mean when the source has only totals, as
 * pg_stat_statements) reaches the threshold. High when it is ten times the threshold. Ranked by the time the
 * shape takes per hour. DDL, COPY and maintenance statements are not queries to tune and are left out.
 */
public final class SlowQueryRule {

  public static final String RULE = "slow-query";

  /** How much of the statement a title shows; the detail has all of it. */
  static final int TITLE_CHARS = 80;

  private final DigestThresholds thresholds;

  public SlowQueryRule(DigestThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public List<Finding> findings(WorkloadDigest digest) {
    List<Finding> findings = new ArrayList<>();
    double hours = DigestPeriod.hours(digest);
    for (ShapeDigest shape : digest.shapes()) {
      double value = shape.p95OrMeanMillis();
      if (shape.isOther() || shape.isMaintenance() || value < thresholds.slowQueryMillis()) {
        continue;
      }
      String measure = shape.p95Millis() != null ? "p95" : "mean";
      Severity severity = value >= 10 * thresholds.slowQueryMillis() ? Severity.HIGH : Severity.MEDIUM;
      findings.add(Finding.builder(RULE, severity)
          .title("Slow query (" + measure + " " + Quantities.millis(value) + " over "
              + Quantities.count(shape.calls(), "call") + "): " + shape.headline(TITLE_CHARS))
          .subject(Subject.fingerprint(shape.fingerprint()))
          .detail("`" + shape.example() + "` has a " + measure + " of " + Quantities.millis(value)
              + " (mean " + Quantities.millis(shape.meanMillis()) + ", max " + Quantities.millis(shape.maxMillis())
              + "), " + Quantities.millis(shape.totalMillis()) + " in total.")
          .evidence(Evidence.crossed(measure + "_time", value, "ms", thresholds.slowQueryMillis()))
          .evidence(Evidence.of("calls", shape.calls(), "count"))
          .evidence(Evidence.of("total_time", shape.totalMillis(), "ms"))
          .impact(new Impact(shape.totalMillis() / hours, Quantities.millis(shape.totalMillis()) + " "
              + DigestPeriod.describe(digest)))
          .fix(Fix.action("Look at its plan (EXPLAIN (ANALYZE, BUFFERS), or `querydoctor explain`) and follow the "
              + "plan findings: a missing index, stale statistics or a spill."))
          .build());
    }
    return findings;
  }
}
