package io.querydoctor.postgres.health.database;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.postgres.health.HealthRule;
import java.util.ArrayList;
import java.util.List;

/**
 * pg-stat-statements-missing: without the extension (installed here and preloaded by the server) workload
 * analysis cannot see which statements cost the time. Info only: the database is not unhealthy, the
 * diagnosis is blind.
 */
public final class PgStatStatementsMissingRule implements HealthRule<StatementStatisticsCheck.Row> {

  @Override
  public List<Finding> evaluate(List<StatementStatisticsCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (StatementStatisticsCheck.Row row : rows) {
      Boolean preloaded = row.preloaded();
      if (row.installed() && !Boolean.FALSE.equals(preloaded)) {
        continue;
      }
      findings.add(finding(row, preloaded));
    }
    return findings;
  }

  private static Finding finding(StatementStatisticsCheck.Row row, Boolean preloaded) {
    boolean needsPreload = Boolean.FALSE.equals(preloaded);
    String libraries = row.preloadLibraries() == null || row.preloadLibraries().isBlank()
        ? "pg_stat_statements" : row.preloadLibraries() + ",pg_stat_statements";
    String preloadSql = "ALTER SYSTEM SET shared_preload_libraries = '" + libraries.replace("'", "''")
        + "';  -- then restart the server\n";
    Fix fix = Fix.setting((needsPreload ? "Preload the library (restart required), then create" : "Create")
            + " the extension in " + row.database() + "."
            + (preloaded == null ? " This role cannot read shared_preload_libraries; check it is preloaded." : ""),
        (needsPreload ? preloadSql : "") + "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;");
    return Finding.builder("pg-stat-statements-missing", Severity.INFO)
        .title(needsPreload ? "pg_stat_statements is not preloaded: statement statistics are off"
            : "pg_stat_statements is not installed in " + row.database())
        .subject(needsPreload ? Subject.setting("shared_preload_libraries") : Subject.database(row.database()))
        .detail("Workload analysis reads per-statement calls and times from pg_stat_statements; without it "
            + "QueryDoctor cannot rank statements by the time they cost.")
        .evidence(Evidence.of("extension_installed", row.installed() ? 1 : 0, "count"))
        .evidence(Evidence.of("library_preloaded", preloaded == null ? -1 : preloaded ? 1 : 0, "count"))
        .impact(Impact.unknown("no cost, but the workload analysis is blind"))
        .fix(fix)
        .build();
  }
}
