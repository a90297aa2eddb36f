package io.querydoctor.cli;

import io.querydoctor.core.diagnosis.RootCauseMerger;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.WorkloadSection;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.demo.workload.ConnectionSource;
import io.querydoctor.demo.workload.DemoFixes;
import io.querydoctor.demo.workload.DemoWorkload;
import io.querydoctor.demo.workload.LockContention;
import io.querydoctor.demo.workload.ScenarioRun;
import io.querydoctor.postgres.PgAnalyzers;
import io.querydoctor.postgres.PgDiagnosis;
import io.querydoctor.postgres.plan.AnalyzeBudget;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.health.HealthThresholds;
import io.querydoctor.postgres.statements.PgStatStatementsReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the demo on a started embedded server: load the data, run the workload through the capture
 * layer while a long transaction holds a lock, diagnose, merge by root cause, and (unless told not to) verify
 * the fixes on the demo database, which is a sandbox by construction.
 */
final class DemoRun {

  /** The order the demo's long transaction locks; id 1 exists at every scale. */
  private static final long LOCKED_ORDER = 1;
  /** Long enough for the capture layer to call the transaction long (RULES.md: 1 s open, mostly idle). */
  private static final Duration MINIMUM_LOCK_HOLD = Duration.ofSeconds(2);
  /** How many query shapes the report's workload table shows. */
  private static final int TOP_SHAPES = 10;
  /**
   * The demo compresses a day of traffic into seconds: its stuck transaction has been idle, and its blocked
   * session waiting, for well under a second when the diagnosis runs, so the session thresholds (30 s and
   * 5 s in production) are scaled down with it.
   */
  static final HealthThresholds DEMO_THRESHOLDS =
      HealthThresholds.defaults().with(Map.of("idle-in-transaction", "200ms", "lock-wait", "200ms"));

  private final EmbeddedServer server;
  private final DemoScale scale;
  private final ConsoleProgress progress;
  private final String description;

  DemoRun(EmbeddedServer server, DemoScale scale, ConsoleProgress progress, String description) {
    this.server = server;
    this.scale = scale;
    this.progress = progress;
    this.description = description;
  }

  /** Runs the demo in {@code database} and returns its report. */
  Report run(String database, boolean verify) throws Exception {
    long loadStart = System.nanoTime();
    try (Connection connection = server.connect(database)) {
      new DemoDatabase(scale, progress).build(connection);
    }
    double loadSeconds = seconds(loadStart);
    Report report;
    List<ScenarioRun> runs;
    double workloadSeconds;
    long diagnoseStart;
    try (DemoCapture capture = new DemoCapture(server, database)) {
      ConnectionSource source = capture.connections();
      long workloadStart = System.nanoTime();
      LockContention contention = LockContention.start(source, capture.scopes(), LOCKED_ORDER, MINIMUM_LOCK_HOLD);
      WorkloadDigest digest;
      try {
        progress.step("running the demo workload");
        runs = new DemoWorkload(source, capture.scopes(), progress, scale, DemoDatabase.SEED).run();
        workloadSeconds = seconds(workloadStart);
        digest = workloadDigest(database);
        // The catalog checks run while the lock is still held, as an on-call DBA would see it.
        progress.step("diagnosing");
        diagnoseStart = System.nanoTime();
        // The demo database is a sandbox by construction: the index advisor may build candidates in it, and
        // its read-only statements may run (--analyze) so that the rules needing actual rows fire too.
        report = new PgDiagnosis(PgAnalyzers.all(DEMO_THRESHOLDS, false, true,
            new AnalyzeBudget(AnalyzeBudget.DEFAULT)), progress)
            .run(server.connect(database), description, VersionProvider.tool());
      } finally {
        contention.close();
      }
      // The long transaction's scope closes with the contention: only now can the capture detectors see it.
      // pg_stat_statements has totals only; the capture layer saw every execution: p50/p95/p99 come from it.
      WorkloadDigest top = digest.top(TOP_SHAPES, DigestSort.TOTAL).withPercentilesFrom(
          fingerprint -> capture.percentiles(fingerprint), "the JDBC capture");
      report = report.plus(capture.findings(), List.of()).withWorkload(new WorkloadSection("total", top, null));
    }
    report = report.withFindings(RootCauseMerger.merge(report.findings()));
    double diagnoseSeconds = seconds(diagnoseStart);
    long verifyStart = System.nanoTime();
    if (verify) {
      DemoFixes fixes = new DemoFixes(scale);
      try (Connection connection = server.connect(database)) {
        report = FixVerification.verify(report, server.connect(database), fixes.samples(),
            fixes.codeTrials(connection), progress);
      }
    }
    progress.info(summary(loadSeconds, runs, workloadSeconds, diagnoseSeconds, verify ? seconds(verifyStart) : -1));
    return report;
  }

  /** The workload as pg_stat_statements saw it (reset when the data was loaded): the top shapes by total time. */
  private WorkloadDigest workloadDigest(String database) throws SQLException {
    try (SafeExecutor executor = new SafeExecutor(server.connect(database))) {
      return new PgStatStatementsReader().snapshot(executor).toDigest("pg_stat_statements of the demo workload");
    }
  }

  private String summary(double loadSeconds, List<ScenarioRun> runs, double workloadSeconds,
      double diagnoseSeconds, double verifySeconds) {
    int statements = runs.stream().mapToInt(ScenarioRun::statements).sum();
    return String.format(Locale.ROOT,
        "demo: loaded %,d rows in %.1f s; workload ran %,d statements in %.1f s; diagnosis took %.1f s%s",
        scale.totalRows(), loadSeconds, statements, workloadSeconds, diagnoseSeconds,
        verifySeconds < 0 ? "" : String.format(Locale.ROOT, "; verifying fixes took %.1f s", verifySeconds));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
