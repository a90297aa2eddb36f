package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.store.HistoryStore;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 20 databases on one embedded server, 30 samples each at a 1 s interval (a {@link StepClock}, cycles back to
 * back), each database running statements never seen before at every sample: the monitor's heap after GC does
 * not grow with the run, and what it keeps per database (query ids tracked for /metrics, open alerts) is bounded.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class MonitorMemoryIT {

  private static final int DATABASES = 20;
  private static final int SAMPLES = 30;
  private static final int NEW_STATEMENTS_PER_SAMPLE = 20;
  /**
   * Heap growth allowed between the 5th and the 30th cycle, after GC: keeping the 500 samples in between (their
   * counters, up to 600 statements per database each) would take tens of MB.
   */
  private static final long MAX_GROWTH_BYTES = 8L << 20;

  @Test
  void twentyDatabasesThirtySamplesKeepTheHeapBounded(EmbeddedServer server) throws Exception {
    List<String> databases = new ArrayList<>();
    List<MonitoredTarget> targets = new ArrayList<>();
    List<Connection> apps = new ArrayList<>();
    for (int i = 0; i < DATABASES; i++) {
      String database = server.createUniqueDatabase("memory");
      try (Connection c = server.connect(database); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        s.execute("CREATE TABLE t (id int PRIMARY KEY, " + IntStream.range(0, 13).mapToObj(k -> "c" + k + " int")
            .collect(Collectors.joining(", ")) + ")");
        s.execute("INSERT INTO t (id) SELECT generate_series(1, 100)");
      }
      databases.add(database);
      targets.add(new MonitoredTarget(server.jdbcUrl(database), database, () -> server.connect(database),
          Duration.ofSeconds(10)));
    }
    StepClock clock = new StepClock(Instant.parse("2026-12-01T00:00:00Z"));
    MonitorSettings settings = MonitorSettings.defaults().withInterval(Duration.ofSeconds(1));
    long started = System.nanoTime();
    long warm = 0;
    long end;
    int samples = 0;
    try (HistoryStore store = HistoryStore.open(server.connect(server.createUniqueDatabase("memory_store")));
        Monitor monitor = new Monitor(store, targets, AlertRules.defaults(), List.of(),
            DeliveryQueue.Backoff.STANDARD, HeavyChecks.none(), settings, clock)) {
      for (String database : databases) {
        apps.add(server.connect(database));
      }
      for (int cycle = 0; cycle < SAMPLES; cycle++) {
        for (Connection app : apps) {
          newStatements(app, cycle);
        }
        List<Sample> taken = monitor.cycle();
        assertThat(taken).allMatch(Sample::ok);
        samples += taken.size();
        clock.advance(Duration.ofSeconds(1));
        if (cycle == 4) {
          warm = heapAfterGc();
        }
      }
      end = heapAfterGc();
      for (MonitoredTarget target : targets) {
        // one entry per distinct statement (the ones run, plus a few of the setup's), never per sample
        assertThat(monitor.metrics().trackedQueryIds(target.name()))
            .isLessThanOrEqualTo(io.querydoctor.monitor.metrics.MonitorMetricsAccess.maxTracked())
            .isLessThanOrEqualTo(NEW_STATEMENTS_PER_SAMPLE * SAMPLES + 20);
      }
      assertThat(monitor.openAlerts().size()).isLessThanOrEqualTo(DATABASES * AlertRules.defaults().size()
          * SampleObservations.TOP_STATEMENTS);
    } finally {
      for (Connection app : apps) {
        app.close();
      }
    }
    System.out.printf("memory: %d databases × %d samples (%d) in %.1f s; heap after GC %d KiB after cycle 5, "
        + "%d KiB after cycle %d (growth %d KiB)%n", DATABASES, SAMPLES, samples,
        (System.nanoTime() - started) / 1e9, warm >> 10, end >> 10, SAMPLES, (end - warm) >> 10);
    assertThat(samples).isEqualTo(DATABASES * SAMPLES);
    assertThat(end - warm).isLessThan(MAX_GROWTH_BYTES);
  }

  /** Statements pg_stat_statements has not seen in this database: another subset of t's 13 columns each. */
  private static void newStatements(Connection app, int cycle) throws SQLException {
    try (Statement s = app.createStatement()) {
      for (int i = 0; i < NEW_STATEMENTS_PER_SAMPLE; i++) {
        int bits = cycle * NEW_STATEMENTS_PER_SAMPLE + i + 1;
        String columns = IntStream.range(0, 13).filter(k -> (bits & (1 << k)) != 0).mapToObj(k -> "c" + k)
            .collect(Collectors.joining(", "));
        s.executeQuery("SELECT " + columns + " FROM t WHERE id = " + (bits % 100)).close();
      }
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
