package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertRule;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.store.HistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workload that changes over time drives each alert rule the issue names to firing and back to resolved on the
 * shared embedded server, with sampling intervals of about a second: a lock held, a connection storm, statistics
 * made stale, a query made slower by dropping its index. Each test has its own target database; the store is
 * shared.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertLifecycleIT {

  private static final MonitorSettings SECONDS = MonitorSettings.defaults().withInterval(Duration.ofSeconds(1));

  private EmbeddedServer server;
  private HistoryStore store;

  @BeforeAll
  void openStore(EmbeddedServer shared) throws SQLException {
    server = shared;
    store = HistoryStore.open(server.connect(server.createUniqueDatabase("lifecycle_store")));
  }

  @AfterAll
  void closeStore() throws SQLException {
    store.close();
  }

  @Test
  void lockHeldFiresLockContentionThenResolvesWhenReleased(@TempDir Path dir) throws Exception {
    String database = target("locks");
    // The threshold from a YAML override: 1 s instead of the runbook's 5 s keeps the test short.
    List<AlertRule> rules = yaml(dir, """
        rules:
          - id: lock-contention
            threshold: 1
        """);
    try (Monitor monitor = monitor(database, rules, HeavyChecks.none(), SECONDS);
        Connection holder = server.connect(database); Connection waiter = server.connect(database)) {
      monitor.cycle();
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("UPDATE items SET v = 'held' WHERE id = 1");
      }
      CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> execute(waiter,
          "UPDATE items SET v = 'waited' WHERE id = 1"));
      Thread.sleep(1_300);
      monitor.cycle();
      Alert firing = only(monitor, "lock-contention");
      assertThat(firing.state()).isEqualTo(AlertState.FIRING);
      assertThat(firing.value()).isGreaterThanOrEqualTo(1);
      assertThat(firing.rule().fix()).contains("pg_blocking_pids");

      holder.commit();
      blocked.get();
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(rule("lock-contention"));
      assertThat(store.alerts().states(firing.id()))
          .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
    }
  }

  @Test
  void connectionStormFiresSaturationAfterItsForThenResolves(@TempDir Path dir) throws Exception {
    String database = target("storm");
    // The runbook's 80 % of max_connections; 'for' shortened from 1 m to 1 s.
    List<AlertRule> rules = yaml(dir, """
        rules:
          - id: connection-saturation
            for: 1s
        """);
    List<Connection> storm = new ArrayList<>();
    try (Monitor monitor = monitor(database, rules, HeavyChecks.none(), SECONDS)) {
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(rule("connection-saturation"));
      int max = (int) single(database, "SELECT current_setting('max_connections')::int");
      int inUse = (int) single(database, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'");
      for (int i = inUse; i < Math.ceil(max * 0.8) + 2; i++) {
        storm.add(server.connect(database));
      }
      monitor.cycle();
      Alert pending = only(monitor, "connection-saturation");
      assertThat(pending.state()).as("pending until it held for 1 s").isEqualTo(AlertState.PENDING);
      Thread.sleep(1_100);
      monitor.cycle();
      Alert firing = only(monitor, "connection-saturation");
      assertThat(firing.state()).isEqualTo(AlertState.FIRING);
      assertThat(firing.value()).isGreaterThanOrEqualTo(0.8);

      closeAll(storm);
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(rule("connection-saturation"));
      assertThat(store.alerts().states(firing.id()))
          .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
    } finally {
      closeAll(storm);
    }
  }

  @Test
  void staleStatisticsFiresWithItsFixAndResolvesAfterAnalyze() throws Exception {
    String database = server.createUniqueDatabase("stale");
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      // Autovacuum would analyze the table behind the test's back.
      s.execute("CREATE TABLE events (id int PRIMARY KEY, kind int) WITH (autovacuum_enabled = false)");
      s.execute("INSERT INTO events SELECT g, g % 7 FROM generate_series(1, 20000) g");
    }
    // ANALYZE once the insert's counts have reached the statistics (its session has ended).
    awaitStatistics(database, "events", 20_000);
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("ANALYZE events");
    }
    awaitStatistics(database, "events", 0);
    MonitorSettings heavyEachCycle = SECONDS.withHeavyInterval(Duration.ofMillis(1)).withPlanStatements(0);
    try (Monitor monitor = monitor(database, AlertRules.defaults(), HeavyChecks.health(), heavyEachCycle)) {
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(subject("stale-statistics:", "events"));

      try (Connection c = server.connect(database); Statement s = c.createStatement()) {
        s.execute("UPDATE events SET kind = kind + 1");
      }
      awaitStatistics(database, "events", 20_000);
      monitor.cycle();
      Alert stale = monitor.openAlerts().stream().filter(subject("stale-statistics:", "events")).findFirst().orElseThrow();
      assertThat(stale.state()).isEqualTo(AlertState.FIRING);
      assertThat(stale.summary()).contains("Statistics of", "events", "Fix: ", "ANALYZE");

      try (Connection c = server.connect(database); Statement s = c.createStatement()) {
        s.execute("ANALYZE events");
      }
      awaitStatistics(database, "events", 0);
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(subject("stale-statistics:", "events"));
      assertThat(store.alerts().states(stale.id()))
          .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
    }
  }

  @Test
  void droppedIndexFiresLatencyRegressionAndRestoringItResolves() throws Exception {
    String database = server.createUniqueDatabase("latency");
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION pg_stat_statements");
      s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer int, total numeric)");
      s.execute("INSERT INTO orders SELECT g, g % 5000, g FROM generate_series(1, 200000) g");
      s.execute("CREATE INDEX orders_customer ON orders (customer)");
      s.execute("ANALYZE orders");
    }
    try (Monitor monitor = monitor(database, AlertRules.defaults(), HeavyChecks.none(), SECONDS);
        Connection app = server.connect(database)) {
      monitor.cycle();
      lookups(app, 30);
      monitor.cycle();
      lookups(app, 30);
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(rule("latency-regression"));

      execute(app, "DROP INDEX orders_customer");
      lookups(app, 30);
      monitor.cycle();
      Alert regression = only(monitor, "latency-regression");
      assertThat(regression.state()).isEqualTo(AlertState.FIRING);
      assertThat(regression.value()).isGreaterThanOrEqualTo(2);

      execute(app, "CREATE INDEX orders_customer ON orders (customer)");
      lookups(app, 30);
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(rule("latency-regression"));
      assertThat(store.alerts().states(regression.id()))
          .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
    }
  }

  /**
   * Replication lag as the reader sees it on a primary, from a row shaped like {@code pg_stat_replication}'s: the
   * embedded binaries have no {@code pg_basebackup} to build a real standby in seconds, so the monitor's session
   * finds a table of that name first on its search path ({@code fake, pg_catalog}) holding one standby's
   * {@code replay_lag}. The reader's SQL, the rule and the alert states are the real ones.
   */
  @Test
  void replicationLagFromAStandbyRowFiresAndResolves(@TempDir Path dir) throws Exception {
    String database = server.createUniqueDatabase("replication");
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA fake");
      s.execute("CREATE TABLE fake.pg_stat_replication (application_name text, state text, replay_lag interval)");
      s.execute("INSERT INTO fake.pg_stat_replication VALUES ('standby1', 'streaming', interval '7.5 seconds')");
    }
    List<AlertRule> rules = yaml(dir, """
        rules:
          - id: replication-lag
            for: 0s
        """);
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("user", EmbeddedServer.SUPERUSER);
    properties.setProperty("options", "-c search_path=fake,pg_catalog");
    MonitoredTarget target = new MonitoredTarget(server.jdbcUrl(database), database,
        () -> java.sql.DriverManager.getConnection(server.jdbcUrl(database), properties), Duration.ofSeconds(10));
    try (Monitor monitor = new Monitor(store, List.of(target), rules, List.of(), DeliveryQueue.Backoff.STANDARD,
        HeavyChecks.none(), SECONDS, Clock.systemUTC())) {
      assertThat(monitor.cycle().get(0).activity().replicationLagSeconds()).isEqualTo(7.5);
      Alert lag = only(monitor, "replication-lag");
      assertThat(lag.state()).isEqualTo(AlertState.FIRING);
      assertThat(monitor.metrics().render())
          .contains("querydoctor_database_replication_lag_seconds{target=\"" + target.name() + "\"} 7.5");

      try (Connection c = server.connect(database); Statement s = c.createStatement()) {
        s.execute("UPDATE fake.pg_stat_replication SET replay_lag = interval '0.2 seconds'");
      }
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(rule("replication-lag"));
      assertThat(store.alerts().states(lag.id()))
          .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
    }
  }

  private String target(String prefix) throws SQLException {
    String database = server.createUniqueDatabase(prefix);
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("CREATE TABLE items (id int PRIMARY KEY, v text)");
      s.execute("INSERT INTO items SELECT g, 'x' || g FROM generate_series(1, 1000) g");
    }
    return database;
  }

  private Monitor monitor(String database, List<AlertRule> rules, HeavyChecks heavy, MonitorSettings settings)
      throws SQLException {
    MonitoredTarget target = new MonitoredTarget(server.jdbcUrl(database), database, () -> server.connect(database),
        Duration.ofSeconds(10));
    return new Monitor(store, List.of(target), rules, List.of(), DeliveryQueue.Backoff.STANDARD, heavy, settings,
        Clock.systemUTC());
  }

  private static List<AlertRule> yaml(Path dir, String text) throws Exception {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, text);
    return AlertRules.load(file);
  }

  private static Alert only(Monitor monitor, String ruleId) {
    List<Alert> alerts = monitor.openAlerts().stream().filter(rule(ruleId)).toList();
    assertThat(alerts).as("open %s alerts", ruleId).hasSize(1);
    return alerts.get(0);
  }

  private static Predicate<Alert> rule(String id) {
    return a -> a.rule().id().equals(id);
  }

  private static Predicate<Alert> subject(String prefix, String part) {
    return a -> a.subject().name().startsWith(prefix) && a.subject().name().contains(part);
  }

  /** Waits until the statistics collector shows {@code modified} rows changed since the last ANALYZE. */
  private void awaitStatistics(String database, String table, long modified) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (single(database, "SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = '" + table + "'")
        != modified && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private long single(String database, String sql) throws SQLException {
    try (Connection c = server.connect(database); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void lookups(Connection app, int times) throws SQLException {
    try (PreparedStatement p = app.prepareStatement("SELECT sum(total) FROM orders WHERE customer = ?")) {
      for (int i = 0; i < times; i++) {
        p.setInt(1, i);
        p.executeQuery().close();
      }
    }
  }

  private static void execute(Connection connection, String sql) {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void closeAll(List<Connection> connections) {
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing a test connection
      }
    }
    connections.clear();
  }
}
