package io.querydoctor.cli;

import io.querydoctor.core.detect.DialectFixes;
import io.querydoctor.core.diagnosis.RootCauseMerger;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.report.WorkloadSection;
import io.querydoctor.demo.mariadb.MariaDbDemoDatabase;
import io.querydoctor.demo.mariadb.MariaDbDemoWorkload;
import io.querydoctor.demo.workload.LockContention;
import io.querydoctor.demo.workload.ScenarioRun;
import io.querydoctor.mysql.MySqlAnalyzers;
import io.querydoctor.mysql.MySqlDiagnosis;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.embedded.EmbeddedMariaDb;
import io.querydoctor.mysql.workload.WorkloadAnalyzer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The demo on an embedded MariaDB: load the demo schema, run its workload through the capture layer while a
 * transaction holds a row lock across slow work, diagnose it with the MySQL analyzers (performance_schema
 * workload and health checks), merge by root cause. Planted or healthy: the healthy run is the control a good
 * diagnosis says nothing at medium or above about.
 */
final class MariaDbDemoRun {

  private static final long LOCKED_ORDER = 1;
  /** Long enough for the capture layer to call the transaction long (RULES.md: 1 s open, mostly idle). */
  private static final Duration MINIMUM_LOCK_HOLD = Duration.ofSeconds(2);
  private static final long SEED = 20_260_630L;
  /**
   * As in the PostgreSQL demo, a day of traffic is compressed into seconds, so the session thresholds are
   * scaled down: the held transaction and the waiting session are a few seconds old when the checks run
   * (the server reports both in whole seconds).
   */
  static final MySqlThresholds DEMO_THRESHOLDS =
      MySqlThresholds.defaults().with(Map.of("idle-in-transaction", "1s", "lock-wait", "1s"));

  private final EmbeddedMariaDb server;
  private final ConsoleProgress progress;
  private final String description;

  MariaDbDemoRun(EmbeddedMariaDb server, ConsoleProgress progress, String description) {
    this.server = server;
    this.progress = progress;
    this.description = description;
  }

  Report run(String database, boolean planted) throws Exception {
    long start = System.nanoTime();
    try (Connection connection = server.connect(database)) {
      new MariaDbDemoDatabase(planted, progress).build(connection);
      try (Statement st = connection.createStatement()) {
        // Measure the demo's own workload, not the load: performance_schema counts from here.
        st.execute("TRUNCATE TABLE performance_schema.events_statements_summary_by_digest");
        st.execute("TRUNCATE TABLE performance_schema.table_io_waits_summary_by_index_usage");
      }
    }
    double loadSeconds = seconds(start);
    MariaDbDataSource plain = new MariaDbDataSource(server.url(database));
    plain.setUser("root");
    Report report;
    List<ScenarioRun> runs;
    try (DemoCapture capture = new DemoCapture(plain)) {
      LockContention contention = planted
          ? LockContention.start(capture.connections(), capture.scopes(), LOCKED_ORDER, MINIMUM_LOCK_HOLD) : null;
      WorkloadAnalyzer workload = new WorkloadAnalyzer(Clock.systemUTC());
      try {
        progress.step("running the demo workload");
        runs = new MariaDbDemoWorkload(capture.connections(), capture.scopes(), progress, planted, SEED).run();
        // The checks run while the lock is still held, as an on-call DBA would see it.
        progress.step("diagnosing");
        report = new MySqlDiagnosis(MySqlAnalyzers.all(workload, DEMO_THRESHOLDS), progress)
            .run(server.connect(database), description, VersionProvider.tool());
      } finally {
        if (contention != null) {
          contention.close();
        }
      }
      report = MySqlAnalyzers.withWorkload(report, workload);
      if (report.workload() != null) {
        report = report.withWorkload(new WorkloadSection("total", report.workload().digest()
            .top(MySqlAnalyzers.TOP_SHAPES, DigestSort.TOTAL)
            .withPercentilesFrom(capture::percentiles, "the JDBC capture"), null));
      }
      report = report.plus(capture.findings(), List.of());
    }
    report = report.withFindings(DialectFixes.in(SqlDialect.MYSQL, RootCauseMerger.merge(report.findings())));
    int statements = runs.stream().mapToInt(ScenarioRun::statements).sum();
    progress.info(String.format(Locale.ROOT, "demo (MariaDB): loaded %,d rows in %.1f s; workload ran %,d statements; "
        + "all in %.1f s", MariaDbDemoDatabase.USERS + MariaDbDemoDatabase.POSTS + MariaDbDemoDatabase.PRODUCTS
        + MariaDbDemoDatabase.ORDERS + MariaDbDemoDatabase.ITEMS, loadSeconds, statements, seconds(start)));
    return report;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
