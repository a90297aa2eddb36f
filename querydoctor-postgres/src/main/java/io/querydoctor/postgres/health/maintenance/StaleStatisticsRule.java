package io.querydoctor.postgres.health.maintenance;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.HealthThresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * stale-statistics: a table changed a lot since it was last analyzed, or was never analyzed while holding
 * rows. The planner then misestimates row counts, which is the usual cause of a plan that turned bad
 * "gradually" (runbook 000, statistics stale).
 */
public final class StaleStatisticsRule implements HealthRule<TableActivityCheck.Row> {

  private final HealthThresholds thresholds;

  public StaleStatisticsRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<TableActivityCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (TableActivityCheck.Row row : rows) {
      long modified = row.modifiedSinceAnalyze();
      if (modified < thresholds.staleStatisticsMinModifiedRows()) {
        continue;
      }
      boolean never = row.analyzedAgeSeconds() < 0;
      double ratio = (double) modified / Math.max(row.rows(), 1);
      if (never || ratio >= thresholds.staleStatisticsModifiedRatio()) {
        findings.add(finding(row, never, ratio));
      }
    }
    return findings;
  }

  private Finding finding(TableActivityCheck.Row row, boolean never, double ratio) {
    Finding.Builder finding = Finding.builder("stale-statistics", Severity.MEDIUM)
        .title(never
            ? "Table " + row.table() + " has never been analyzed"
            : "Statistics of " + row.table() + " are stale: " + Quantities.format(ratio, "ratio")
                + " of its rows changed since the last ANALYZE")
        .subject(Subject.table(row.table().toString()))
        .detail("The planner estimates row counts from statistics taken "
            + (never ? "never" : Quantities.format(row.analyzedAgeSeconds(), "s") + " ago") + "; "
            + Quantities.number(row.modifiedSinceAnalyze()) + " rows were inserted, updated or deleted since."
            + (row.autovacuumDisabled() ? " Autovacuum (and so auto-analyze) is disabled for this table." : ""))
        .evidence(Evidence.crossed("modified_rows_since_analyze", row.modifiedSinceAnalyze(), "rows",
            thresholds.staleStatisticsMinModifiedRows()))
        .evidence(never
            ? Evidence.of("modified_ratio", ratio, "ratio")
            : Evidence.crossed("modified_ratio", ratio, "ratio", thresholds.staleStatisticsModifiedRatio()))
        .evidence(Evidence.of("table_rows", row.rows(), "rows"));
    if (!never) {
      finding.evidence(Evidence.of("last_analyze_age", row.analyzedAgeSeconds(), "s"));
    }
    return finding
        .impact(Impact.unknown("misestimated row counts lead to bad plans for every query on the table"))
        .fix(Fix.sql("Refresh the statistics now (reads a sample, takes no blocking lock)"
                + (row.autovacuumDisabled() ? ", and let autovacuum analyze it again" : "") + ".",
            "ANALYZE " + row.table().sql() + ";"
                + (row.autovacuumDisabled() ? "\nALTER TABLE " + row.table().sql() + " RESET (autovacuum_enabled);" : "")))
        .build();
  }
}
