package io.querydoctor.postgres.health;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.PgDiagnosis;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** Runs the health analyzer against a test database and picks findings out of the result. */
public final class HealthProbe {

  private HealthProbe() {}

  public static DiagnosisResults run(TestDatabase db, Map<String, String> thresholds) throws Exception {
    return run(db, HealthThresholds.defaults().with(thresholds));
  }

  public static DiagnosisResults run(TestDatabase db, HealthThresholds thresholds) throws Exception {
    return run(db, new HealthAnalyzer(thresholds));
  }

  /** Runs every check with bloat measured by pgstattuple instead of estimated. */
  public static DiagnosisResults runWithExactBloat(TestDatabase db) throws Exception {
    return run(db, new HealthAnalyzer(HealthThresholds.defaults(), true));
  }

  private static DiagnosisResults run(TestDatabase db, HealthAnalyzer analyzer) throws Exception {
    DiagnosisResults results = new DiagnosisResults();
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      analyzer.analyze(PgDiagnosis.describe(executor), results);
    }
    return results;
  }

  public static DiagnosisResults run(TestDatabase db) throws Exception {
    return run(db, HealthThresholds.defaults());
  }

  /** Findings of {@code ruleId} about {@code subjectName}. */
  public static List<Finding> findings(DiagnosisResults results, String ruleId, String subjectName) {
    return results.findings().stream()
        .filter(f -> f.ruleId().equals(ruleId) && f.subject().name().equals(subjectName))
        .toList();
  }

  public static List<Finding> findings(DiagnosisResults results, String ruleId) {
    return results.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  /** Runs statements on {@code db} in autocommit mode. */
  public static void execute(TestDatabase db, String... statements) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /**
   * Runs statements and makes their activity counters visible to other sessions now. From PostgreSQL 15 a
   * backend flushes its statistics at most once a second unless asked to; before 15 it sends them to the
   * statistics collector on exit, which publishes them within half a second.
   */
  public static void executeAndFlushStats(TestDatabase db, String... statements) throws SQLException {
    boolean canForceFlush;
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      canForceFlush = c.getMetaData().getDatabaseMajorVersion() >= 15;
      for (String sql : statements) {
        s.execute(sql);
      }
      if (canForceFlush) {
        s.execute("SELECT pg_stat_force_next_flush()");
      }
    }
    if (!canForceFlush) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
