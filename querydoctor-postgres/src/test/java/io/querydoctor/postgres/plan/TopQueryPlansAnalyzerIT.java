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
      // A sort that only spills because the session lowered work_mem, as an application might.
      s.execute("SET work_mem = '64kB'");
      drain(s.executeQuery("SELECT id, created_at FROM visits ORDER BY user_id, created_at"));
      s.execute("RESET work_mem");
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
    assertThat(findings).extracting(Finding::ruleId)
        .containsExactlyInAnyOrder("non-sargable-predicate", "seq-scan-large-table", "sort-spill");
    Finding finding = only(findings, "non-sargable-predicate");
    assertThat(finding.subject().toString()).isEqualTo("columns visits(created_at)");
    assertThat(finding.detail()).contains("SELECT id FROM visits WHERE created_at::date = $1");
    assertThat(finding.impact().millisPerHour()).isPositive();
    assertThat(finding.impact().basis()).contains("calls/h");
    assertThat(finding.evidence()).extracting(e -> e.name()).contains("estimated_node_time_ms");
    assertThat(results.skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("the plans of the top statements were estimated, not run: "
            + "--analyze would run"));
    assertThat(finding.concerns()).extracting(Object::toString).singleElement().asString().startsWith("fingerprint ");

    // Every explained statement is a plan tree in the report; the finding sits at the node it is about.
    assertThat(results.plans()).hasSizeGreaterThanOrEqualTo(2);
    var plan = results.plans().stream().filter(p -> p.query().contains("created_at::date")).findFirst().orElseThrow();
    assertThat(finding.concerns()).contains(io.querydoctor.core.finding.Subject.fingerprint(plan.fingerprint()));
    var flagged = plan.root().nodes().stream().filter(n -> !n.findings().isEmpty()).toList();
    assertThat(flagged).hasSize(1);
    assertThat(flagged.get(0).findings()).extracting(f -> f.key()).contains(finding.key());
    assertThat(flagged.get(0).conditions()).anyMatch(c -> c.startsWith("Filter: ") && c.contains("created_at"));
  }

  /**
   * #24: a proposed index is checked with the what-if on the statement it is for; one the planner would not use
   * says so and drops a severity, and without a what-if the report says the proposals were not checked.
   */
  @Test
  void proposedIndexesAreCheckedWithTheWhatIfAndAnUnusedOneSaysSo(TestDatabase shared) throws Exception {
    // A database of its own: its statements must not change what the other tests see in pg_stat_statements.
    TestDatabase db = new TestDatabase(shared.server(), shared.server().createDatabase("proposals"));
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("CREATE TABLE orders (id int PRIMARY KEY, owner_id int, total int)");
      s.execute("INSERT INTO orders SELECT i, i % 2000, i % 97 FROM generate_series(1, 50000) i");
      s.execute("ANALYZE orders");
      try (PreparedStatement byOwner = c.prepareStatement("SELECT id, total FROM orders WHERE owner_id = ?")) {
        for (int i = 0; i < 20; i++) {
          byOwner.setInt(1, i);
          drain(byOwner.executeQuery());
        }
      }
    }
    DiagnosisResults unchecked = new DiagnosisResults();
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      new TopQueryPlansAnalyzer().analyze(PgDiagnosis.describe(executor), unchecked);
    }
    Finding proposal = unchecked.findings().stream()
        .filter(f -> f.fix().sql() != null && f.fix().sql().startsWith("CREATE INDEX")).findFirst().orElseThrow();
    assertThat(unchecked.skipped()).anySatisfy(s -> assertThat(s.reason()).contains("not checked with a what-if"));

    java.util.List<String> asked = new java.util.ArrayList<>();
    ProposedIndexCheck wouldNotUse = new ProposedIndexCheck() {
      @Override
      public java.util.Optional<io.querydoctor.core.finding.Verification> check(SafeExecutor executor, String ddl,
          String sql) {
        asked.add(ddl);
        return java.util.Optional.of(new io.querydoctor.core.finding.Verification(
            io.querydoctor.core.finding.Verification.Method.ESTIMATED, "planner_cost", 100, 100, null,
            "HypoPG: the planner would not use the proposed index for this statement"));
      }

      @Override
      public boolean available(SafeExecutor executor) {
        return true;
      }
    };
    DiagnosisResults checked = new DiagnosisResults();
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      new TopQueryPlansAnalyzer(io.querydoctor.core.plan.PlanAnalyzer.withDefaults(), TopQueryPlansAnalyzer.DEFAULT_TOP,
          null, java.util.Map.of(), wouldNotUse).analyze(PgDiagnosis.describe(executor), checked);
    }
    assertThat(asked).contains(proposal.fix().sql());
    Finding same = checked.findings().stream().filter(f -> f.key().equals(proposal.key())).findFirst().orElseThrow();
    assertThat(same.verification().note()).startsWith("no improvement").contains("would not use");
    assertThat(same.severity().ordinal()).isEqualTo(Math.min(proposal.severity().ordinal() + 1, 4));
    assertThat(checked.skipped()).noneSatisfy(s -> assertThat(s.reason()).contains("not checked with a what-if"));
  }

  @Test
  void aSeqScanIsJudgedFromTheCatalogsRowCountWhenThePlanWasNotRun(TestDatabase db) throws Exception {
    DiagnosisResults results = new DiagnosisResults();
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      new TopQueryPlansAnalyzer().analyze(PgDiagnosis.describe(executor), results);
    }

    Finding scan = only(results.findings(), "seq-scan-large-table");
    assertThat(scan.title()).contains("visits reads 50,000 rows to keep an estimated");
    assertThat(scan.detail()).contains("created_at)::date = $1");
  }

  @Test
  void aSpillTheStatisticsSawIsReportedAgainstThePlansSortEvenWhenTheDefaultWorkMemWouldNotSpill(TestDatabase db)
      throws Exception {
    DiagnosisResults results = new DiagnosisResults();
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      new TopQueryPlansAnalyzer().analyze(PgDiagnosis.describe(executor), results);
    }

    Finding spill = only(results.findings(), "sort-spill");
    assertThat(spill.detail()).contains("ORDER BY user_id, created_at");
    assertThat(spill.evidence()).filteredOn(e -> e.name().equals("temp_bytes_per_call"))
        .singleElement().satisfies(e -> assertThat(e.value()).isGreaterThan(100_000));
    assertThat(spill.fix().sql()).matches("(?s)SET work_mem = '\\d+MB'.*");
  }

  private static Finding only(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.ruleId().equals(rule)).reduce((a, b) -> {
      throw new AssertionError("more than one " + rule);
    }).orElseThrow(() -> new AssertionError("no " + rule + " in " + findings));
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
