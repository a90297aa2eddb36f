package io.querydoctor.mysql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.diagnosis.RootCauseMerger;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.report.Report;
import io.querydoctor.mysql.MySqlAnalyzers;
import io.querydoctor.mysql.MySqlDiagnosis;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import io.querydoctor.mysql.workload.DigestWorkload;
import io.querydoctor.mysql.workload.WorkloadAnalyzer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** diagnose's plans of the top statements on the real MariaDB: literal samples from the statement history. */
@ExtendWith(EmbeddedMariaDbExtension.class)
class TopStatementPlansIT {

  static final String FULL_SCAN = "SELECT id, a FROM ledger WHERE b = ?";
  static final String SORT = "SELECT id, note FROM ledger WHERE a >= ? ORDER BY note";
  static final String WRITE = "UPDATE ledger SET a = a WHERE id = ?";

  static Report report;

  @BeforeAll
  static void diagnose(TestMariaDb db) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE ledger (id BIGINT AUTO_INCREMENT PRIMARY KEY, a INT, b INT, note VARCHAR(200), "
          + "KEY ledger_a (a))");
      st.execute("INSERT INTO ledger (a, b, note) SELECT seq % 1000, seq % 300, MD5(seq) FROM seq_1_to_30000");
      // Column histograms, so the plan's estimate of what b = ? keeps is the real 1/300 (not 100 %).
      st.execute("ANALYZE TABLE ledger PERSISTENT FOR ALL");
      run(c, FULL_SCAN, 3);
      run(c, SORT, 2);
      run(c, WRITE, 2);
    }
    WorkloadAnalyzer workload = new WorkloadAnalyzer(Clock.systemUTC());
    report = new MySqlDiagnosis(MySqlAnalyzers.all(workload, MySqlThresholds.defaults()), ProgressListener.NONE)
        .run(db.connect(), "ledger", "test");
  }

  private static void run(Connection c, String sql, int times) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < times; i++) {
        ps.setInt(1, i + 1);
        if (sql.startsWith("UPDATE")) {
          ps.executeUpdate();
          continue;
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getLong(1);
          }
        }
      }
    }
  }

  @Test
  void theTopShapesArePlannedFromTheirLiteralSamples() {
    // The workload counters cannot see a filesort: only the plan of the sampled text can.
    Finding filesort = report.findings().stream().filter(f -> f.ruleId().equals("filesort-large")).findFirst()
        .orElseThrow(() -> new AssertionError("no filesort-large in " + report.findings() + report.skipped()));
    assertThat(filesort.fix().sql()).startsWith("ALTER TABLE `ledger` ADD INDEX").contains("`note`")
        .contains("ALGORITHM=INPLACE, LOCK=NONE");
    assertThat(filesort.detail()).contains("Query " + DigestWorkload.fingerprint(SORT));
    Finding scan = report.findings().stream().filter(f -> f.ruleId().equals("seq-scan-large-table")
        && f.subject().kind() == io.querydoctor.core.finding.SubjectKind.TABLE).findFirst()
        .orElseThrow(() -> new AssertionError(report.findings().stream().map(f -> f.ruleId() + " " + f.subject()
            + " " + f.title()).toList() + " " + report.skipped()));
    assertThat(scan.fix().sql()).startsWith("ALTER TABLE `ledger` ADD INDEX").contains("(`b`)")
        .endsWith("ALGORITHM=INPLACE, LOCK=NONE;");
    assertThat(scan.concerns()).extracting(Object::toString).contains("fingerprint " + DigestWorkload.fingerprint(FULL_SCAN));
    // CREATE TABLE, INSERT … SELECT, ANALYZE TABLE and the UPDATE are among the top shapes, and not planned.
    assertThat(report.skipped()).anySatisfy(s -> {
      assertThat(s.check()).isEqualTo("plans");
      assertThat(s.reason()).contains("4 not a single SELECT").doesNotContain("no literal sample");
    });
  }

  @Test
  void thePlanAndTheWorkloadFindingsOfOneShapeMergeIntoOne() {
    String scanShape = "fingerprint " + DigestWorkload.fingerprint(FULL_SCAN);
    // Before the merge: the workload's scan (subject: the shape) and the plan's (subject: the table).
    assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("seq-scan-large-table")
        && (f.subject().toString().equals(scanShape) || f.concerns().toString().contains(scanShape))).hasSize(2);
    List<Finding> merged = RootCauseMerger.merge(report.findings());
    assertThat(merged).filteredOn(f -> all(f).stream().anyMatch(m -> m.ruleId().equals("seq-scan-large-table")
        && (m.subject().toString().equals(scanShape) || m.concerns().toString().contains(scanShape))))
        .singleElement().satisfies(f -> assertThat(all(f)).filteredOn(m -> m.ruleId().equals("seq-scan-large-table"))
            .hasSize(2));
    // The sort's plan finding joins the workload's findings on the same shape (its spill, its scan).
    assertThat(merged).filteredOn(f -> all(f).stream().anyMatch(m -> m.ruleId().equals("filesort-large")))
        .singleElement().satisfies(f -> assertThat(all(f)).hasSizeGreaterThan(1));
  }

  private static List<Finding> all(Finding headline) {
    List<Finding> members = new java.util.ArrayList<>(headline.supporting());
    members.add(headline);
    return members;
  }

  @Test
  void nonSelectsAreCountedNotPlanned() {
    assertThat(TopStatementPlans.singleSelect("SELECT 1; SELECT 2")).isFalse();
    assertThat(TopStatementPlans.singleSelect("SELECT * FROM t FOR UPDATE")).isFalse();
    assertThat(TopStatementPlans.singleSelect("UPDATE t SET a = 1")).isFalse();
    assertThat(TopStatementPlans.singleSelect("SELECT a FROM t WHERE b = 3;")).isTrue();
  }
}
