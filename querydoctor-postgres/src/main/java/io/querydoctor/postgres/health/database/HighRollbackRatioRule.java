package io.querydoctor.postgres.health.database;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.HealthThresholds;
import io.querydoctor.postgres.health.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * high-rollback-ratio: many transactions end in ROLLBACK. Usually errors the application swallows
 * (constraint violations, serialization failures, timeouts), or a framework that rolls back read-only work;
 * either way the work done before the rollback was wasted.
 */
public final class HighRollbackRatioRule implements HealthRule<DatabaseActivityCheck.Row> {

  private final HealthThresholds thresholds;

  public HighRollbackRatioRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<DatabaseActivityCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (DatabaseActivityCheck.Row row : rows) {
      long total = row.commits() + row.rollbacks();
      double ratio = (double) row.rollbacks() / Math.max(total, 1);
      if (total >= thresholds.rollbackMinTransactions() && ratio >= thresholds.rollbackRatio()) {
        findings.add(finding(row, ratio));
      }
    }
    return findings;
  }

  private Finding finding(DatabaseActivityCheck.Row row, double ratio) {
    return Finding.builder("high-rollback-ratio", Severity.MEDIUM)
        .title(Quantities.format(ratio, "ratio") + " of the transactions in " + row.database() + " roll back")
        .subject(Subject.database(row.database()))
        .detail(Quantities.number(row.rollbacks()) + " rollbacks against " + Quantities.number(row.commits())
            + " commits since the statistics reset " + Quantities.format(row.statsAgeSeconds(), "s") + " ago.")
        .evidence(Evidence.crossed("rollback_ratio", ratio, "ratio", thresholds.rollbackRatio()))
        .evidence(Evidence.of("rollbacks", row.rollbacks(), "count"))
        .evidence(Evidence.of("commits", row.commits(), "count"))
        .evidence(Evidence.of("stats_age", row.statsAgeSeconds(), "s"))
        .impact(Impact.unknown("work done before each rollback is wasted; often hides application errors"))
        .fix(Fix.setting("Find the errors behind the rollbacks: log them for a while, then look at the server log "
            + "(constraint violations, deadlocks, serialization failures, timeouts). If a framework rolls back "
            + "read-only transactions on purpose, this finding can be suppressed.",
            "ALTER DATABASE " + QualifiedName.quote(row.database())
                + " SET log_min_error_statement = 'error';"))
        .build();
  }
}
