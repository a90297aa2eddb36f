package io.querydoctor.remedies.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pool monitor on a real HikariCP pool over the embedded PostgreSQL, under loads of known shape. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PoolMonitorIT {

  /** The defaults with a sustained window short enough for a test. */
  private static final PoolFindings RULES = new PoolFindings(0.80, Duration.ofMillis(800), 0.50);
  /** Long enough that the sustained window (800 ms) fits even when a loaded machine starts the threads late. */
  private static final long RUN_MILLIS = 2_000;

  private static HikariDataSource pool(TestDatabase db, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.user());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    HikariDataSource pool = new HikariDataSource(config);
    // Filled before the load starts, so that no borrower waits for a connection being opened.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (pool.getHikariPoolMXBean().getTotalConnections() < size && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return pool;
  }

  /** {@code threads} threads each borrowing, sleeping {@code sleepMillis} in the database, returning; sampled. */
  private static void load(DataSource ds, PoolMonitor monitor, int threads, int sleepMillis) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(threads);
    long[] deadlineHolder = new long[1];
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      done.add(pool.submit(() -> {
        started.countDown();
        go.await();
        long deadline = deadlineHolder[0];
        while (System.nanoTime() < deadline) {
          try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_sleep(" + sleepMillis / 1000.0 + ")");
          }
        }
        return null;
      }));
    }
    // Every borrower is running before the load and the sampling start, so the load has the shape it says.
    started.await();
    long deadline = System.nanoTime() + RUN_MILLIS * 1_000_000;
    deadlineHolder[0] = deadline;
    go.countDown();
    while (System.nanoTime() < deadline) {
      monitor.sample();
      Thread.sleep(25);
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
  }

  private static List<String> rules(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).toList();
  }

  @Test
  void moreBorrowersThanConnectionsIsSaturation(TestDatabase db) throws Exception {
    try (HikariDataSource hikari = pool(db, 4)) {
      PoolMonitor monitor = PoolMonitor.of(HikariPoolProbe.of(hikari));
      load(monitor.wrap(hikari), monitor, 8, 20);
      List<Finding> findings = monitor.findings(RULES);
      assertThat(rules(findings)).as("samples %s", monitor.samples()).containsExactly("pool-saturation");
      assertThat(findings.get(0).title()).containsPattern("at (8\\d|9\\d|100) % on average").contains("threads waiting");
      assertThat(findings.get(0).detail()).contains("Little's law");
      assertThat(monitor.meanWaitMillis()).isGreaterThan(5);
    }
  }

  @Test
  void aPoolFarLargerThanItsUseIsOversizedAndLittlesLawMatchesTheSamples(TestDatabase db) throws Exception {
    try (HikariDataSource hikari = pool(db, 20)) {
      PoolMonitor monitor = PoolMonitor.ofMaxSize(20);
      load(monitor.wrap(hikari), monitor, 3, 10);
      PoolSizing sizing = monitor.sizing();
      double sampledMean = monitor.samples().stream().mapToInt(PoolSample::active).average().orElse(0);
      // λ·W counts the same busy connections the samples saw: three threads, nearly always holding one.
      assertThat(sizing.concurrentNeeded()).isBetween(2.0, 3.3);
      assertThat(Math.abs(sizing.concurrentNeeded() - sampledMean)).isLessThan(0.8);
      assertThat(sizing.recommended()).isBetween(3, 5);
      List<Finding> findings = monitor.findings(RULES);
      assertThat(rules(findings)).containsExactly("pool-oversized");
      assertThat(findings.get(0).fix().sql()).isEqualTo("maximumPoolSize=" + sizing.recommended());
    }
  }

  @Test
  void aPoolSizedToItsLoadStaysSilent(TestDatabase db) throws Exception {
    try (HikariDataSource hikari = pool(db, 4)) {
      PoolMonitor monitor = PoolMonitor.of(HikariPoolProbe.of(hikari));
      load(monitor.wrap(hikari), monitor, 3, 10);
      assertThat(monitor.samples()).extracting(PoolSample::waiting).containsOnly(0);
      assertThat(monitor.findings(RULES)).isEmpty();
    }
  }
}
