package io.querydoctor.mysql.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.mysql.MySqlDiagnosis;
import io.querydoctor.mysql.connect.SafeExecutor;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The workload from performance_schema's statement digests on the real MariaDB, and its rules. */
@ExtendWith(EmbeddedMariaDbExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkloadIT {

  static final String FULL_SCAN = "SELECT id, a FROM reading WHERE b = ?";
  static final String INDEXED = "SELECT id, b FROM reading WHERE a = ?";

  @BeforeAll
  static void workload(TestMariaDb db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE reading (id BIGINT AUTO_INCREMENT PRIMARY KEY, a INT, b INT, taken_at DATETIME, "
          + "note VARCHAR(200), KEY reading_a (a), KEY reading_taken_at (taken_at))");
      st.execute("INSERT INTO reading (a, b, taken_at, note) SELECT seq % 1000, seq % 300, "
          + "'2024-01-01' + INTERVAL seq MINUTE, MD5(seq) FROM seq_1_to_30000");
      st.execute("ANALYZE TABLE reading");
      run(c, FULL_SCAN, 3);
      run(c, INDEXED, 20);
      // MariaDB 11.1+ turns DATE(col) = ? into a range itself (sargable); DATE_FORMAT it cannot.
      run(c, "SELECT id FROM reading WHERE DATE_FORMAT(taken_at, '%Y-%m-%d') = ?", 2);
      st.execute("SET SESSION sort_buffer_size = 32768");
      try (ResultSet rs = st.executeQuery("SELECT id, note FROM reading ORDER BY note")) {
        while (rs.next()) {
          rs.getString(2);
        }
      }
    }
  }

  private static void run(Connection c, String sql, int times) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < times; i++) {
        if (sql.contains("DATE_FORMAT(")) {
          ps.setString(1, "2024-01-0" + (i + 2));
        } else {
          ps.setInt(1, i + 1);
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
  @Order(1)
  void digestsJoinTheWorkloadModelAndFireTheCounterRules(TestMariaDb db) throws Exception {
    WorkloadAnalyzer analyzer = new WorkloadAnalyzer(Clock.systemUTC());
    DiagnosisResults results = analyze(db, analyzer);
    // The shape's fingerprint is the one the capture layer and the slow log give the statement as sent.
    ShapeDigest fullScan = analyzer.digest().shapes().stream()
        .filter(s -> s.fingerprint().equals(DigestWorkload.fingerprint(FULL_SCAN))).findFirst().orElseThrow();
    assertThat(fullScan.calls()).isEqualTo(3);
    assertThat(fullScan.rowsExamined()).isEqualTo(90_000);
    assertThat(fullScan.rowsSent()).isEqualTo(300);
    assertThat(analyzer.digest().shapes()).noneMatch(s -> s.example().contains("performance_schema"));
    Finding scan = results.findings().stream().filter(f -> f.ruleId().equals("seq-scan-large-table")
        && f.subject().name().equals(DigestWorkload.fingerprint(FULL_SCAN))).findFirst().orElseThrow();
    assertThat(scan.fix().sql()).isEqualTo("ALTER TABLE `reading` ADD INDEX `reading_b_idx` (`b`), "
        + "ALGORITHM=INPLACE, LOCK=NONE;");
    assertThat(results.findings()).extracting(Finding::ruleId).contains("non-sargable-predicate", "sort-spill");
    Finding nonSargable = results.findings().stream().filter(f -> f.ruleId().equals("non-sargable-predicate"))
        .findFirst().orElseThrow();
    assertThat(nonSargable.fix().sql()).isEqualTo("taken_at >= ? AND taken_at < ? + INTERVAL 1 DAY");
    // The indexed lookup is silent.
    assertThat(results.findings()).noneMatch(f -> f.subject().name().equals(DigestWorkload.fingerprint(INDEXED)));
  }

  @Test
  @Order(2)
  void disabledInstrumentsAreOneSkippedLineSayingWhatToTurnOn(TestMariaDb db) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("UPDATE performance_schema.setup_consumers SET ENABLED = 'NO' WHERE NAME = 'statements_digest'");
      try {
        WorkloadAnalyzer analyzer = new WorkloadAnalyzer(Clock.systemUTC());
        DiagnosisResults results = analyze(db, analyzer);
        assertThat(analyzer.digest()).isNull();
        assertThat(results.skipped()).singleElement().satisfies(s -> {
          assertThat(s.check()).isEqualTo("workload");
          assertThat(s.reason()).contains("statements_digest consumer is off",
              "UPDATE performance_schema.setup_consumers SET ENABLED = 'YES' WHERE NAME = 'statements_digest'");
        });
      } finally {
        st.execute("UPDATE performance_schema.setup_consumers SET ENABLED = 'YES' WHERE NAME = 'statements_digest'");
      }
    }
  }

  private static DiagnosisResults analyze(TestMariaDb db, WorkloadAnalyzer analyzer) throws Exception {
    DiagnosisResults results = new DiagnosisResults();
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      analyzer.analyze(MySqlDiagnosis.describe(executor), results);
    }
    return results;
  }

}
