package io.querydoctor.postgres.health;

import static io.querydoctor.postgres.health.HealthProbe.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.postgres.PgDiagnosis;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole health suite on a large catalog: every check runs and every table's unused indexes are reported.
 * The default build uses 1 000 tables (3 000 indexes); BENCHMARKS.md §6's measurement (10 000 tables, 30 000
 * indexes, target under 10 s) runs with {@code -Dquerydoctor.healthScale.tables=10000} and writes its times to
 * {@code target/health-scale.txt} (docs/performance.md) — a time is measured and recorded, not asserted, since a
 * shared machine makes timed assertions flaky.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class HealthScaleIT {

  private static final Path TIMINGS = Path.of("target", "health-scale.txt");
  private static final int TABLES = Integer.getInteger("querydoctor.healthScale.tables", 1_000);

  @Test
  void wholeSuiteRunsEveryCheckOnALargeCatalog(TestDatabase db) throws Exception {
    long buildStart = System.nanoTime();
    // Committed every 250 tables: one transaction creating 40 000 relations would exhaust the lock table.
    execute(db, """
        DO $$
        BEGIN
          FOR i IN 1..%d LOOP
            EXECUTE format('CREATE TABLE t%%s (id bigint PRIMARY KEY, a int, b int, parent_id bigint%%s)', i,
                CASE WHEN i %% 10 = 0 THEN ' REFERENCES t' || (i - 1) ELSE '' END);
            EXECUTE format('CREATE INDEX t%%s_a_idx ON t%%s (a)', i, i);
            EXECUTE format('CREATE INDEX t%%s_b_idx ON t%%s (b)', i, i);
            IF i %% 250 = 0 THEN COMMIT; END IF;
          END LOOP;
        END $$""".formatted(TABLES));
    Duration build = Duration.ofNanos(System.nanoTime() - buildStart);
    assertThat(count(db, "SELECT count(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid "
        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")).isEqualTo(3L * TABLES);

    DiagnosisResults results = new DiagnosisResults();
    long start = System.nanoTime();
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      new HealthAnalyzer().analyze(PgDiagnosis.describe(executor), results);
    }
    Duration suite = Duration.ofNanos(System.nanoTime() - start);
    StringBuilder timings = new StringBuilder(String.format(Locale.ROOT,
        "health suite on %d tables / %d indexes: %d ms (catalog built in %d s); %d findings, %d skipped%n",
        TABLES, 3 * TABLES, suite.toMillis(), build.toSeconds(), results.findings().size(), results.skipped().size()));
    timeEachCheck(db, timings);
    Files.writeString(TIMINGS, timings);

    dropDatabase(db);

    assertThat(results.skipped()).isEmpty();
    assertThat(HealthProbe.findings(results, "unused-index")).hasSize(2 * TABLES);
  }

  /** 40 000 relations are a few hundred MB on disk; the server lives on for the other test classes. */
  private static void dropDatabase(TestDatabase db) throws Exception {
    try (Connection c = db.server().connect("postgres"); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + db.name() + " WITH (FORCE)");
    }
  }

  /** Where the time goes, one check at a time, so that a regression points at its query. */
  private static void timeEachCheck(TestDatabase db, StringBuilder timings) throws Exception {
    try (SafeExecutor executor = new SafeExecutor(db.connect())) {
      for (HealthCheck<?> check : HealthChecks.all(HealthThresholds.defaults())) {
        long start = System.nanoTime();
        new HealthAnalyzer(List.of(check)).analyze(PgDiagnosis.describe(executor), new DiagnosisResults());
        timings.append(String.format(Locale.ROOT, "  %-32s %6d ms%n", check.name(),
            Duration.ofNanos(System.nanoTime() - start).toMillis()));
      }
    }
  }

  private static long count(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
