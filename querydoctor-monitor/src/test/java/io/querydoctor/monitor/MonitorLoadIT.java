package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.store.HistoryStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monitor's own load on a target with thousands of distinct statements: one sample's duration and the
 * execution time of its own statements in pg_stat_statements. A measurement, not a regular test: runs only with
 * {@code -Dquerydoctor.monitor.load=N} (N distinct statements); docs/performance.md records its output.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class MonitorLoadIT {

  @Test
  void ownLoadPerSample(EmbeddedServer shared) throws Exception {
    String property = System.getProperty("querydoctor.monitor.load");
    assumeTrue(property != null, "a measurement: run with -Dquerydoctor.monitor.load=5000");
    int distinct = Integer.parseInt(property);
    // A server of its own: pg_stat_statements.max (default 5 000) must hold every statement, or entries are
    // evicted and re-created at each sample and the measurement is of that churn.
    try (EmbeddedServer server = EmbeddedServer.start(java.nio.file.Files.createTempDirectory("qd-load-"),
        java.util.Map.of("pg_stat_statements.max", Integer.toString(distinct * 2)))) {
      measure(server, distinct);
    }
  }

  private static void measure(EmbeddedServer server, int distinct) throws Exception {
    String database = server.createUniqueDatabase("load");
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION pg_stat_statements");
      s.execute("CREATE TABLE t (id int PRIMARY KEY, " + IntStream.range(0, 13).mapToObj(i -> "c" + i + " int")
          .collect(Collectors.joining(", ")) + ")");
      s.execute("INSERT INTO t (id) SELECT generate_series(1, 100)");
    }
    workload(server, database, distinct);
    MonitoredTarget target = new MonitoredTarget(server.jdbcUrl(database), database, () -> server.connect(database),
        Duration.ofSeconds(30));
    int samples = 10;
    double ownBefore;
    double allBefore;
    double totalMs = 0;
    try (HistoryStore store = HistoryStore.open(server.connect(server.createUniqueDatabase("load_store")));
        Monitor monitor = new Monitor(store, java.util.List.of(target), AlertRules.defaults(), java.util.List.of(),
            DeliveryQueue.Backoff.STANDARD, HeavyChecks.none(), MonitorSettings.defaults(), Clock.systemUTC())) {
      monitor.cycle();
      ownBefore = ownExecMs(server, database);
      allBefore = allExecMs(server, database);
      for (int i = 0; i < samples; i++) {
        workload(server, database, distinct);
        Sample sample = monitor.cycle().get(0);
        assertThat(sample.ok()).isTrue();
        totalMs += sample.durationMs();
      }
    }
    try (Connection c = server.connect(database); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("""
            SELECT coalesce(sum(total_exec_time) FILTER (WHERE query LIKE '/* querydoctor */%'), 0),
                   count(*) FILTER (WHERE query LIKE '/* querydoctor */%'),
                   (SELECT count(*) FROM pg_stat_statements),
                   sum(total_exec_time)
              FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())""")) {
      rs.next();
      double ownExecMs = rs.getDouble(1) - ownBefore;
      double allExecMs = rs.getDouble(4) - allBefore;
      System.out.printf(Locale.ROOT, "MONITOR LOAD: %d distinct statements in the target; %d samples; "
          + "sample duration mean %.1f ms (monitor side, incl. network and delta computation); "
          + "own statements' execution time in pg_stat_statements %.2f ms per sample (%d own statement shapes); "
          + "%d statements in pg_stat_statements; at a 60 s interval that is %.4f %% of one core; "
          + "the monitor's share of the database's pg_stat_statements time while every statement ran once per "
          + "sample: %.3f %%%n", distinct, samples, totalMs / samples,
          ownExecMs / samples, rs.getLong(2), rs.getLong(3), ownExecMs / samples / 60_000 * 100,
          ownExecMs / allExecMs * 100);
    }
  }

  /** Every one of the {@code distinct} statements once: each subset of the 13 columns is a statement of its own. */
  private static void workload(EmbeddedServer server, String database, int distinct) throws Exception {
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      for (int k = 1; k <= distinct; k++) {
        int bits = k;
        String columns = IntStream.range(0, 13).filter(i -> (bits & (1 << i)) != 0).mapToObj(i -> "c" + i)
            .collect(Collectors.joining(", "));
        s.executeQuery("SELECT " + columns + " FROM t WHERE id = " + (k % 100)).close();
      }
    }
  }

  private static double allExecMs(EmbeddedServer server, String database) throws Exception {
    try (Connection c = server.connect(database); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements"
            + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      rs.next();
      return rs.getDouble(1);
    }
  }

  private static double ownExecMs(EmbeddedServer server, String database) throws Exception {
    try (Connection c = server.connect(database); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements"
            + " WHERE query LIKE '/* querydoctor */%'")) {
      rs.next();
      return rs.getDouble(1);
    }
  }
}
