package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.log.LocalLogFile;
import io.querydoctor.monitor.log.ServerLogFile;
import io.querydoctor.monitor.log.StatementLatency;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.store.HistoryStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * True percentiles from the server log ({@code --log FILE} and {@code --log auto}) against estimates from
 * {@code pg_stat_statements}: a server of its own with the logging collector on and every statement logged, a
 * statement whose durations are known (pg_sleep of 0, 2, …, 18 ms), three monitors on the same target.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class LogPercentilesIT {

  private static final String SLEEP = "SELECT pg_sleep(?::float8 / 1000) AS timed";

  @Test
  void logGivesMeasuredPercentilesAndTheViewLabelledEstimates(EmbeddedServer shared, @TempDir Path dir)
      throws Exception {
    Map<String, String> logging = Map.of("logging_collector", "on", "log_directory", "log",
        "log_filename", "postgresql.log", "log_min_duration_statement", "0");
    try (EmbeddedServer server = EmbeddedServer.start(dir.resolve("data"), logging);
        HistoryStore store = HistoryStore.open(shared.connect(shared.createUniqueDatabase("latency_store")))) {
      String database = server.createUniqueDatabase("timed");
      try (Connection c = server.connect(database); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION pg_stat_statements");
        // With the database in each line the monitor skips other databases' entries (a prefix with spaces
        // cannot go through the server's command line, hence ALTER SYSTEM).
        s.execute("ALTER SYSTEM SET log_line_prefix = '%m [%p] %d '");
        s.execute("SELECT pg_reload_conf()");
      }
      // Three monitors of one database, named apart so that their histories do not mix in the store.
      MonitoredTarget autoTarget = target(server, database, "auto");
      MonitoredTarget fileTarget = target(server, database, "file");
      MonitoredTarget plainTarget = target(server, database, "plain");
      try (Monitor auto = monitor(store, autoTarget);
          Monitor file = monitor(store, fileTarget);
          Monitor plain = monitor(store, plainTarget)) {
        auto.tailLog(autoTarget.name(), new ServerLogFile());
        file.tailLog(fileTarget.name(), new LocalLogFile(server.dataDirectory().resolve("log/postgresql.log")));
        List.of(auto, file, plain).forEach(Monitor::cycle);
        sleeps(server, database);
        Thread.sleep(300); // the logging collector writes asynchronously
        List.of(auto, file, plain).forEach(Monitor::cycle);

        StatementLatency fromServer = timed(auto.latencies(autoTarget.name()));
        StatementLatency fromFile = timed(file.latencies(fileTarget.name()));
        StatementLatency estimated = timed(plain.latencies(plainTarget.name()));
        for (StatementLatency measured : List.of(fromServer, fromFile)) {
          assertThat(measured.measured()).isTrue();
          assertThat(measured.label()).isEqualTo("measured (server log)");
          assertThat(measured.calls()).isEqualTo(40);
          // Durations 0, 2, …, 18 ms four times each: nearest-rank p50 is the 20th (8 ms), p95 the 38th (18 ms),
          // plus what a loaded machine adds to each sleep (the bounds leave a few ms for it; the spread stays).
          assertThat(measured.p50Ms()).isBetween(8.0, 16.0);
          assertThat(measured.p95Ms()).isBetween(18.0, 30.0);
          assertThat(measured.p95Ms() - measured.p50Ms()).isGreaterThan(5.0);
          assertThat(measured.p99Ms()).isGreaterThanOrEqualTo(measured.p95Ms());
          assertThat(measured.queryid()).isEqualTo(estimated.queryid());
        }
        assertThat(fromFile.p95Ms()).isEqualTo(fromServer.p95Ms());
        assertThat(estimated.measured()).isFalse();
        assertThat(estimated.label()).isEqualTo("estimated (mean and stddev)");
        assertThat(estimated.p50Ms()).as("the estimate's p50 is the mean").isBetween(9.0, 18.0);
        assertThat(estimated.p95Ms()).isGreaterThan(estimated.p50Ms());

        assertThat(auto.metrics().render()).contains("querydoctor_statement_latency_seconds{target=\""
            + autoTarget.name() + "\",queryid=\"" + fromServer.queryid() + "\",percentile=\"95\"}");
        assertThat(plain.metrics().render()).contains("querydoctor_statement_latency_estimate_seconds{target=\""
            + plainTarget.name() + "\",queryid=\"" + estimated.queryid() + "\",percentile=\"95\"}");
        assertThat(stored(shared, store, true)).as("measured rows stored").isPositive();

        // A slow tail: the p95 goes from 18 to 80 ms while the mean grows by a third. Only the measured p95 sees
        // it: latency-regression ("p95 or mean >= 2x baseline") fires where the log is read, not without it.
        tail(server, database);
        Thread.sleep(300);
        List.of(auto, plain).forEach(Monitor::cycle);
        assertThat(timed(auto.latencies(autoTarget.name())).p95Ms()).isGreaterThanOrEqualTo(80);
        assertThat(auto.openAlerts()).filteredOn(a -> a.rule().id().equals("latency-regression")
            && a.subject().name().equals(Long.toString(fromServer.queryid()))).singleElement()
            .satisfies(a -> assertThat(a.value()).isGreaterThanOrEqualTo(2));
        assertThat(plain.openAlerts()).noneMatch(a -> a.rule().id().equals("latency-regression")
            && a.subject().name().equals(Long.toString(estimated.queryid())));

        // Only the slow statements logged: their percentiles would describe the slow tail, so none are measured.
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
          s.execute("ALTER DATABASE " + database + " SET log_min_duration_statement = 15");
        }
        autoTarget.disconnect();
        sleeps(server, database);
        auto.cycle();
        assertThat(timed(auto.latencies(autoTarget.name())).measured()).isFalse();
      }
    }
  }

  private static MonitoredTarget target(EmbeddedServer server, String database, String name) {
    return new MonitoredTarget(server.jdbcUrl(database) + "#" + name, database, () -> server.connect(database),
        Duration.ofSeconds(10));
  }

  private static Monitor monitor(HistoryStore store, MonitoredTarget target) throws SQLException {
    return new Monitor(store, List.of(target), AlertRules.defaults(), List.of(), DeliveryQueue.Backoff.STANDARD,
        HeavyChecks.none(), MonitorSettings.defaults(), Clock.systemUTC());
  }

  private static void sleeps(EmbeddedServer server, String database) throws SQLException {
    try (Connection c = server.connect(database); PreparedStatement p = c.prepareStatement(SLEEP)) {
      for (int i = 0; i < 40; i++) {
        p.setInt(1, (i % 10) * 2);
        p.executeQuery().close();
      }
    }
  }

  /** 36 short sleeps (0 to 8 ms) and 4 of 80 ms: nearest-rank p95 is 80 ms, the mean about 11.6 ms. */
  private static void tail(EmbeddedServer server, String database) throws SQLException {
    try (Connection c = server.connect(database); PreparedStatement p = c.prepareStatement(SLEEP)) {
      for (int i = 0; i < 40; i++) {
        p.setInt(1, i < 36 ? (i % 5) * 2 : 80);
        p.executeQuery().close();
      }
    }
  }

  private static StatementLatency timed(List<StatementLatency> latencies) {
    return latencies.stream().filter(l -> l.query() != null && l.query().contains("pg_sleep")).findFirst()
        .orElseThrow(() -> new AssertionError("no percentiles for the pg_sleep statement in " + latencies));
  }

  private static long stored(EmbeddedServer shared, HistoryStore store, boolean measured) throws SQLException {
    try (Connection c = shared.connect(storeName(shared, store)); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM qd_monitor.statement_latency WHERE measured = "
            + measured)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String storeName(EmbeddedServer shared, HistoryStore store) throws SQLException {
    try (Connection c = shared.connect("postgres"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'latency_store%'")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
