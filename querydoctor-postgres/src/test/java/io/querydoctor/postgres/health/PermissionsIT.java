package io.querydoctor.postgres.health;

import static io.querydoctor.postgres.health.HealthProbe.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.PgDiagnosis;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A plain login role: checks that need more are skipped with the reason, the others still report. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PermissionsIT {

  @Test
  void plainRoleGetsSkipsWithReasonsNotErrors(TestDatabase db) throws Exception {
    execute(db, "DROP ROLE IF EXISTS qd_plain", "CREATE ROLE qd_plain LOGIN PASSWORD 'plain'",
        "CREATE TABLE no_key (v int)", "GRANT SELECT ON no_key TO qd_plain");
    DiagnosisResults results = new DiagnosisResults();
    try (SafeExecutor executor = new SafeExecutor(DriverManager.getConnection(db.jdbcUrl(), "qd_plain", "plain"))) {
      new HealthAnalyzer().analyze(PgDiagnosis.describe(executor), results);
    }
    assertThat(results.skipped()).extracting(SkippedCheck::check)
        .containsExactlyInAnyOrder("connections.sessions", "locks.blocked-sessions", "replication.lag");
    assertThat(results.skipped()).allSatisfy(s -> assertThat(s.reason()).startsWith("needs pg_read_all_stats"));
    assertThat(HealthProbe.findings(results, "missing-primary-key", "public.no_key")).hasSize(1);
  }

  @Test
  void checkNeedingANewerServerIsSkippedWithBothVersions(TestDatabase db) throws Exception {
    CatalogQuery<Integer> future = new CatalogQuery<>(990000, "SELECT 1", rs -> rs.getInt(1));
    HealthCheck<Integer> check = HealthCheck.of("future.feature", future, rows -> List.of());
    DiagnosisResults results = new DiagnosisResults();
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      new HealthAnalyzer(List.of(check)).analyze(PgDiagnosis.describe(executor), results);
    }
    assertThat(results.skipped()).singleElement().satisfies(s -> {
      assertThat(s.check()).isEqualTo("future.feature");
      assertThat(s.reason()).matches("needs PostgreSQL 99\\.0 or later; server is \\d+\\.\\d+");
    });
  }

  @Test
  void failingQueryOrRuleIsSkippedWithTheReasonAndTheOthersStillRun(TestDatabase db) throws Exception {
    CatalogQuery<Integer> broken = CatalogQuery.of("SELECT no_such_column FROM pg_class", rs -> rs.getInt(1));
    List<HealthCheck<?>> checks = new ArrayList<>();
    checks.add(HealthCheck.of("broken.check", broken, rows -> List.of()));
    CatalogQuery<Integer> one = CatalogQuery.of("SELECT 1", rs -> rs.getInt(1));
    checks.add(HealthCheck.of("buggy.rule", one, rows -> {
      throw new IllegalStateException("unexpected row");
    }));
    checks.addAll(HealthChecks.all(HealthThresholds.defaults()));
    DiagnosisResults results = new DiagnosisResults();
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      new HealthAnalyzer(checks).analyze(PgDiagnosis.describe(executor), results);
    }
    assertThat(results.skipped()).hasSize(2);
    assertThat(results.skipped().get(0)).satisfies(s -> {
      assertThat(s.check()).isEqualTo("broken.check");
      assertThat(s.reason()).contains("no_such_column").doesNotContain("\n");
    });
    assertThat(results.skipped().get(1)).satisfies(s -> {
      assertThat(s.check()).isEqualTo("buggy.rule");
      assertThat(s.reason()).isEqualTo("internal error: java.lang.IllegalStateException: unexpected row");
    });
    assertThat(HealthProbe.findings(results, "pg-stat-statements-missing")).hasSize(1);
  }

  @Test
  void exactBloatWithoutTheExtensionIsSkippedWithHowToInstallIt(TestDatabase db) throws Exception {
    DiagnosisResults results = HealthProbe.runWithExactBloat(db);
    assertThat(results.skipped()).singleElement().satisfies(s -> {
      assertThat(s.check()).isEqualTo("maintenance.exact-bloat");
      assertThat(s.reason()).contains("CREATE EXTENSION pgstattuple");
    });
  }

  @Test
  void pgMonitorMemberRunsEveryCheck(TestDatabase db) throws Exception {
    execute(db, "DROP ROLE IF EXISTS qd_monitor", "CREATE ROLE qd_monitor LOGIN PASSWORD 'monitor' IN ROLE pg_monitor");
    DiagnosisResults results = new DiagnosisResults();
    try (SafeExecutor executor =
        new SafeExecutor(DriverManager.getConnection(db.jdbcUrl(), "qd_monitor", "monitor"))) {
      new HealthAnalyzer().analyze(PgDiagnosis.describe(executor), results);
    }
    assertThat(results.skipped()).isEmpty();
  }
}
