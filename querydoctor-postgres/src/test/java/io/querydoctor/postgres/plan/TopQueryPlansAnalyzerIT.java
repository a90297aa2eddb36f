package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.PgDiagnosis;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code diagnose}'s plan step: the costliest statements of pg_stat_statements, planned generically. */
@ExtendWith(EmbeddedPostgresExtension.class)
class TopQueryPlansAnalyzerIT {

  @BeforeAll
  static void runAWorkload(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("CREATE TABLE visits (id int PRIMARY KEY, user_id int, created_at timestamp)");
      s.execute("INSERT INTO visits SELECT i, i % 1000, timestamp '2026-01-01' + i * interval '1 minute' "
          + "FROM generate_series(1, 50000) i");
      s.execute("CREATE INDEX ON visits (created_at)");
      s.execute("ANALYZE visits");
      s.execute("SELECT pg_stat_statements_reset()");
      try (PreparedStatement day = c.prepareStatement("SELECT id FROM visits WHERE created_at::date = ?");
           PreparedStatement byId = c.prepareStatement("SELECT user_id FROM visits WHERE id = ?")) {
        for (int i = 0; i < 20; i++) {
          day.setObject(1, LocalDate.of(2026, 1, 2 + i));
          drain(day.executeQuery());
          byId.setInt(1, i + 1);
          drain(byId.executeQuery());
        }
      }
    }
  }

  private static void drain(ResultSet rs) throws Exception {
    try (rs) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  @Test
  void theCostliestStatementsGetPlanFindingsUnderTheirFingerprint(TestDatabase db) throws Exception {
    DiagnosisResults results = new DiagnosisResults();
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      new TopQueryPlansAnalyzer().analyze(PgDiagnosis.describe(executor), results);
    }

    List<Finding> findings = results.findings();
    assertThat(findings).extracting(Finding::ruleId).containsExactly("non-sargable-predicate");
    Finding finding = findings.get(0);
    assertThat(finding.subject().toString()).isEqualTo("columns visits(created_at)");
    assertThat(finding.detail()).contains("SELECT id FROM visits WHERE created_at::date = $1");
    assertThat(finding.impact().millisPerHour()).isPositive();
    assertThat(finding.impact().basis()).contains("calls/h");
    assertThat(finding.evidence()).extracting(e -> e.name()).contains("estimated_node_time_ms");
    assertThat(results.skipped()).isEmpty();

    // Every explained statement is a plan tree in the report; the finding sits at the node it is about.
    assertThat(results.plans()).hasSizeGreaterThanOrEqualTo(2);
    var plan = results.plans().stream().filter(p -> p.query().contains("created_at::date")).findFirst().orElseThrow();
    assertThat(finding.concerns()).contains(io.querydoctor.core.finding.Subject.fingerprint(plan.fingerprint()));
    var flagged = plan.root().nodes().stream().filter(n -> !n.findings().isEmpty()).toList();
    assertThat(flagged).hasSize(1);
    assertThat(flagged.get(0).findings().get(0).key()).isEqualTo(finding.key());
    assertThat(flagged.get(0).conditions()).anyMatch(c -> c.startsWith("Filter: ") && c.contains("created_at"));
  }

  @Test
  void aDatabaseWithoutTheExtensionIsASkippedCheck(TestDatabase db) throws Exception {
    DiagnosisResults results = new DiagnosisResults();
    String other = db.server().createUniqueDatabase("noext");
    try (SafeExecutor executor = new SafeExecutor(db.server().connect(other))) {
      new TopQueryPlansAnalyzer().analyze(PgDiagnosis.describe(executor), results);
    }

    assertThat(results.findings()).isEmpty();
    assertThat(results.skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("cannot read pg_stat_statements in this database"));
  }
}
