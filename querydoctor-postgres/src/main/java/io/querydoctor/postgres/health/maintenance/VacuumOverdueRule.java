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
 * vacuum-overdue: dead tuples pile up beyond what autovacuum should allow, or autovacuum is switched off for
 * the table. Dead tuples slow every scan and, left alone, turn into bloat.
 */
public final class VacuumOverdueRule implements HealthRule<TableActivityCheck.Row> {

  private final HealthThresholds thresholds;

  public VacuumOverdueRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<TableActivityCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (TableActivityCheck.Row row : rows) {
      long dead = row.deadTuples();
      double ratio = (double) dead / Math.max(dead + row.liveTuples(), 1);
      boolean piledUp = dead >= thresholds.vacuumMinDeadRows() && ratio >= thresholds.vacuumDeadRatio();
      if (piledUp || row.autovacuumDisabled()) {
        findings.add(finding(row, ratio, piledUp));
      }
    }
    return findings;
  }

  private Finding finding(TableActivityCheck.Row row, double ratio, boolean piledUp) {
    String table = row.table().sql();
    Finding.Builder finding = Finding.builder("vacuum-overdue", piledUp ? Severity.MEDIUM : Severity.LOW)
        .title(piledUp
            ? Quantities.format(ratio, "ratio") + " of the tuples in " + row.table() + " are dead"
            : "Autovacuum is disabled for " + row.table())
        .subject(Subject.table(row.table().toString()))
        .detail((piledUp ? "Dead tuples are read and skipped by every scan and become bloat if not vacuumed. " : "")
            + (row.autovacuumDisabled() ? "autovacuum_enabled = false: nothing vacuums or analyzes this table "
                + "unless someone runs it by hand. " : "")
            + "Last vacuum: " + (row.vacuumedAgeSeconds() < 0 ? "never"
                : Quantities.format(row.vacuumedAgeSeconds(), "s") + " ago") + ".")
        .evidence(piledUp
            ? Evidence.crossed("dead_tuple_ratio", ratio, "ratio", thresholds.vacuumDeadRatio())
            : Evidence.of("dead_tuple_ratio", ratio, "ratio"))
        .evidence(Evidence.of("dead_tuples", row.deadTuples(), "rows"))
        .evidence(Evidence.of("live_tuples", row.liveTuples(), "rows"));
    if (row.autovacuumDisabled()) {
      finding.evidence(Evidence.crossed("autovacuum_enabled", 0, "count", 1));
    }
    String sql = "VACUUM (ANALYZE, VERBOSE) " + table + ";"
        + (row.autovacuumDisabled() ? "\nALTER TABLE " + table + " RESET (autovacuum_enabled);" : "");
    return finding
        .impact(Impact.unknown(Quantities.number(row.deadTuples()) + " dead tuples scanned and skipped by every "
            + "sequential scan"))
        .fix(Fix.sql("Vacuum the table now (no exclusive lock)"
            + (row.autovacuumDisabled() ? " and give it back to autovacuum" : "") + ".", sql))
        .build();
  }
}
