package io.querydoctor.postgres.health;

import static io.querydoctor.postgres.health.HealthProbe.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.DriverManager;
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
      new HealthAnalyzer().analyze(executor, results);
    }
    assertThat(results.skipped()).extracting(SkippedCheck::check)
        .containsExactlyInAnyOrder("connections.sessions", "locks.blocked-sessions", "replication.lag");
    assertThat(results.skipped()).allSatisfy(s -> assertThat(s.reason()).startsWith("needs pg_read_all_stats"));
    assertThat(HealthProbe.findings(results, "missing-primary-key", "public.no_key")).hasSize(1);
  }

  @Test
  void pgMonitorMemberRunsEveryCheck(TestDatabase db) throws Exception {
    execute(db, "DROP ROLE IF EXISTS qd_monitor", "CREATE ROLE qd_monitor LOGIN PASSWORD 'monitor' IN ROLE pg_monitor");
    DiagnosisResults results = new DiagnosisResults();
    try (SafeExecutor executor =
        new SafeExecutor(DriverManager.getConnection(db.jdbcUrl(), "qd_monitor", "monitor"))) {
      new HealthAnalyzer().analyze(executor, results);
    }
    assertThat(results.skipped()).isEmpty();
  }
}
