package io.querydoctor.cli;

import io.querydoctor.core.diagnosis.RootCauseMerger;
import io.querydoctor.core.report.Report;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.demo.server.EmbeddedServerException;
import io.querydoctor.demo.workload.ConnectionSource;
import io.querydoctor.demo.workload.DemoWorkload;
import io.querydoctor.demo.workload.LockContention;
import io.querydoctor.demo.workload.ScenarioRun;
import io.querydoctor.postgres.PgAnalyzers;
import io.querydoctor.postgres.PgDiagnosis;
import io.querydoctor.postgres.health.HealthThresholds;
import java.io.PrintWriter;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.report.WorkloadSection;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.statements.PgStatStatementsReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code querydoctor demo}: starts an embedded PostgreSQL, loads the demo application's data, runs its
 * workload (with its planted problems) and diagnoses it, all on this machine.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts an embedded PostgreSQL, loads the demo database (about 1.3 million rows at scale 1),",
      "runs a workload with ten classic performance problems planted in it, and diagnoses it.",
      "Nothing needs to be installed; the server is removed when the demo ends (unless --keep)."
    })
final class DemoCommand implements Callable<Integer> {

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

  @Spec
  private CommandSpec spec;

  @Option(names = "--scale", paramLabel = "N", defaultValue = "1",
      description = "Data size: 1 is about 1.3 million rows (default); 0.1 is a tenth, 10 ten times as much.")
  private double scale;

  @Option(names = "--keep",
      description = "Leave the database running after the report and print its JDBC URL, so that other tools "
          + "(or querydoctor diagnose) can be pointed at it. Stop with Ctrl-C.")
  private boolean keep;

  @Mixin
  private OutputOptions output;

  @Override
  public Integer call() throws Exception {
    DemoScale demoScale = scale();
    output.checkWritable();
    PrintWriter out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    progress.step("starting embedded PostgreSQL");
    try (EmbeddedServer server = EmbeddedServer.start()) {
      String database = server.createDatabase("demo");
      long loadStart = System.nanoTime();
      try (Connection connection = server.connect(database)) {
        new DemoDatabase(demoScale, progress).build(connection);
      }
      double loadSeconds = seconds(loadStart);

      Report report;
      try (DemoCapture capture = new DemoCapture(server, database)) {
        ConnectionSource source = capture.connections();
        long workloadStart = System.nanoTime();
        LockContention contention =
            LockContention.start(source, capture.scopes(), LOCKED_ORDER, MINIMUM_LOCK_HOLD);
        List<ScenarioRun> runs;
        WorkloadDigest digest;
        long diagnoseStart;
        double workloadSeconds;
        try {
          progress.step("running the demo workload");
          runs = new DemoWorkload(source, capture.scopes(), progress, demoScale, DemoDatabase.SEED).run();
          workloadSeconds = seconds(workloadStart);
          digest = workloadDigest(server, database);
          // The catalog checks run while the lock is still held, as an on-call DBA would see it.
          progress.step("diagnosing");
          diagnoseStart = System.nanoTime();
          report = new PgDiagnosis(PgAnalyzers.all(DEMO_THRESHOLDS), progress)
              .run(server.connect(database), "demo database (embedded PostgreSQL, scale " + format(scale) + ")",
                  VersionProvider.tool());
        } finally {
          contention.close();
        }
        // The long transaction's scope closes with the contention: only now can the capture detectors see it.
        report = report.plus(capture.findings(), List.of())
            .withWorkload(new WorkloadSection("total", digest.top(TOP_SHAPES, DigestSort.TOTAL), null));
        report = report.withFindings(RootCauseMerger.merge(report.findings()));
        progress.info(summary(demoScale, loadSeconds, runs, workloadSeconds, seconds(diagnoseStart)));
      }
      int exitCode = output.write(report, out, OutputOptions.FailOn.NONE);
      if (keep) {
        keepRunning(server, database, spec.commandLine().getErr());
      }
      return exitCode;
    }
  }

  /** The workload as pg_stat_statements saw it (reset when the data was loaded): the top shapes by total time. */
  private static WorkloadDigest workloadDigest(EmbeddedServer server, String database) throws SQLException {
    try (SafeExecutor executor = new SafeExecutor(server.connect(database))) {
      return new PgStatStatementsReader().snapshot(executor).toDigest("pg_stat_statements of the demo workload");
    }
  }

  private DemoScale scale() {
    try {
      return new DemoScale(scale);
    } catch (IllegalArgumentException e) {
      throw new UserError("invalid --scale: " + e.getMessage(), e);
    }
  }

  private static String summary(DemoScale scale, double loadSeconds, List<ScenarioRun> runs,
      double workloadSeconds, double diagnoseSeconds) {
    int statements = runs.stream().mapToInt(ScenarioRun::statements).sum();
    return String.format(Locale.ROOT,
        "demo: loaded %,d rows in %.1f s; workload ran %,d statements in %.1f s; diagnosis took %.1f s",
        scale.totalRows(), loadSeconds, statements, workloadSeconds, diagnoseSeconds);
  }

  /** Blocks until Ctrl-C. The URL is printed even with --quiet: it is what --keep is for. */
  private static void keepRunning(EmbeddedServer server, String database, PrintWriter err) {
    err.println("The demo database is running at " + server.jdbcUrl(database)
        + " (user " + EmbeddedServer.SUPERUSER + ", no password). Press Ctrl-C to stop it.");
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopped.countDown();
      try {
        server.close();
      } catch (EmbeddedServerException e) {
        // Shutting down anyway; the data directory is temporary.
      }
    }));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
