package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.alert.AlertRule;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.notify.Receiver;
import io.querydoctor.monitor.notify.WebhookNotifier;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.store.HistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor against real PostgreSQL: the target is a test database on the shared embedded server, the store
 * another database on it; each test uses its own target database so that histories do not mix.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorIT {

  private static final MonitorSettings FAST = MonitorSettings.defaults().withInterval(Duration.ofSeconds(1))
      .withHeavyInterval(Duration.ofHours(1));
  private static final DeliveryQueue.Backoff QUICK = new DeliveryQueue.Backoff(Duration.ofMillis(50),
      Duration.ofMillis(200), 5);

  private EmbeddedServer server;
  private String storeDatabase;
  private HistoryStore store;

  @BeforeAll
  void openStore(EmbeddedServer shared) throws SQLException {
    server = shared;
    storeDatabase = server.createUniqueDatabase("history");
    store = HistoryStore.open(server.connect(storeDatabase));
  }

  @AfterAll
  void closeStore() throws SQLException {
    store.close();
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

  private MonitoredTarget monitored(String database) {
    return new MonitoredTarget(server.jdbcUrl(database), database, () -> server.connect(database),
        Duration.ofSeconds(10));
  }

  private Monitor monitor(MonitoredTarget target, List<AlertRule> rules, Receiver receiver) throws SQLException {
    List<io.querydoctor.monitor.notify.Notifier> notifiers = receiver == null ? List.of()
        : List.of(new WebhookNotifier(receiver.uri("/hook")));
    return new Monitor(store, List.of(target), rules, notifiers, QUICK, HeavyChecks.none(), FAST,
        Clock.systemUTC());
  }

  private static List<AlertRule> rules(Path dir, String json) throws Exception {
    Path file = dir.resolve("rules.json");
    Files.writeString(file, json);
    return AlertRules.load(file);
  }

  @Test
  void idleInTransactionFiresThenResolvesAndIsNotifiedOnceEach(@TempDir Path dir) throws Exception {
    String database = target("idle");
    List<AlertRule> rules = rules(dir, "{\"rules\": [{\"id\": \"idle-in-transaction\", \"threshold\": 1}]}");
    try (Receiver receiver = new Receiver(); Monitor monitor = monitor(monitored(database), rules, receiver)) {
      monitor.cycle();
      try (Connection app = server.connect(database)) {
        app.setAutoCommit(false);
        try (Statement s = app.createStatement()) {
          s.execute("UPDATE items SET v = 'held' WHERE id = 1");
        }
        Thread.sleep(1_300);
        monitor.cycle();
        monitor.cycle();
        app.commit();
      }
      monitor.cycle();
      await(() -> receiver.bodies().size() >= 2);

      long alertId = single("SELECT id FROM qd_monitor.alert WHERE rule = 'idle-in-transaction' AND target = '"
          + server.jdbcUrl(database) + "'");
      assertThat(store.alerts().states(alertId))
          .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
      assertThat(receiver.bodies()).hasSize(2);
      assertThat(receiver.bodies().get(0)).contains("[FIRING]", "idle-in-transaction", "Fix: ");
      assertThat(receiver.bodies().get(1)).contains("[RESOLVED]");
      String delivered = "SELECT count(*) FROM qd_monitor.delivery WHERE ok AND alert_ids = '" + alertId + "'";
      await(() -> uncheckedSingle(delivered) == 2);
      assertThat(single(delivered)).as("each delivery recorded").isEqualTo(2);
    }
  }

  @Test
  void staysSilentOnAQuietDatabase() throws Exception {
    String database = target("quiet");
    try (Monitor monitor = monitor(monitored(database), AlertRules.defaults(), null)) {
      monitor.cycle();
      try (Connection app = server.connect(database); Statement s = app.createStatement()) {
        for (int i = 0; i < 20; i++) {
          s.executeQuery("SELECT v FROM items WHERE id = " + i).close();
        }
      }
      monitor.cycle();
      assertThat(single("SELECT count(*) FROM qd_monitor.alert WHERE target = '" + server.jdbcUrl(database) + "'"))
          .isZero();
    }
  }

  @Test
  void statementsResetGivesNoNegativeOrDoubledDelta() throws Exception {
    String database = target("reset");
    MonitoredTarget target = monitored(database);
    try (Monitor monitor = monitor(target, AlertRules.defaults(), null);
        Connection app = server.connect(database)) {
      monitor.cycle();
      query(app, 20);
      monitor.cycle();
      try (Statement s = app.createStatement()) {
        s.execute("SELECT pg_stat_statements_reset()");
      }
      query(app, 3);
      Sample afterReset = monitor.cycle().get(0);

      assertThat(afterReset.deltas().countersReset()).isTrue();
      String t = "'" + server.jdbcUrl(database) + "'";
      assertThat(single("""
          SELECT count(*) FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
           WHERE s.target = %s AND (d.calls < 0 OR d.total_exec_ms < 0 OR d.rows < 0)""".formatted(t))).isZero();
      assertThat(single("""
          SELECT d.calls FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
           WHERE s.target = %s AND s.counters_reset AND d.query LIKE 'SELECT v FROM items WHERE id = $1%%'"""
          .formatted(t))).isEqualTo(3);
      assertThat(single("""
          SELECT d.calls FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
           WHERE s.target = %s AND NOT s.counters_reset AND s.interval_start IS NOT NULL
             AND d.query LIKE 'SELECT v FROM items WHERE id = $1%%'""".formatted(t))).isEqualTo(20);
    }
  }

  @Test
  void restartOnTheSameStoreContinuesHistoryWithoutGapsOrDuplicates() throws Exception {
    String database = target("restart");
    try (Monitor first = monitor(monitored(database), AlertRules.defaults(), null)) {
      first.cycle();
      first.cycle();
    }
    try (Monitor second = monitor(monitored(database), AlertRules.defaults(), null)) {
      second.cycle();
      second.cycle();
    }
    List<String[]> intervals = rows("SELECT interval_start::text, interval_end::text FROM qd_monitor.sample"
        + " WHERE target = '" + server.jdbcUrl(database) + "' ORDER BY interval_end");
    assertThat(intervals).hasSize(4);
    assertThat(intervals.get(0)[0]).isNull();
    for (int i = 1; i < intervals.size(); i++) {
      assertThat(intervals.get(i)[0]).as("interval %d starts where %d ended", i, i - 1)
          .isEqualTo(intervals.get(i - 1)[1]);
    }
  }

  @Test
  void healthFindingFiresWithItsFixAndResolvesWhenFixed(@TempDir Path dir) throws Exception {
    String database = target("health");
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE INDEX items_v_a ON items (v)");
      s.execute("CREATE INDEX items_v_b ON items (v)");
    }
    List<AlertRule> rules = rules(dir, "{\"rules\": [{\"id\": \"health-finding\", \"threshold\": 1}]}");
    MonitorSettings everyCycle = FAST.withHeavyInterval(Duration.ofMillis(1));
    try (Monitor monitor = new Monitor(store, List.of(monitored(database)), rules, List.of(), QUICK,
        HeavyChecks.health(), everyCycle, Clock.systemUTC())) {
      monitor.cycle();
      List<io.querydoctor.monitor.alert.Alert> duplicate = monitor.openAlerts().stream()
          .filter(a -> a.subject().name().startsWith("duplicate-index:")).toList();
      assertThat(duplicate).singleElement().satisfies(a -> {
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.summary()).contains("Fix:", "DROP INDEX CONCURRENTLY public.items_v_b");
      });
      try (Connection c = server.connect(database); Statement s = c.createStatement()) {
        s.execute("DROP INDEX items_v_b");
      }
      Thread.sleep(5);
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(a -> a.subject().name().startsWith("duplicate-index:"));
      assertThat(store.alerts().states(duplicate.get(0).id()))
          .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
      assertThat(single("SELECT count(*) FROM qd_monitor.finding WHERE rule_id = 'duplicate-index' AND target = '"
          + server.jdbcUrl(database) + "' AND last_seen < (SELECT max(last_seen) FROM qd_monitor.finding)"))
          .as("the fixed finding keeps its last_seen").isEqualTo(1);
    }
  }

  @Test
  void storeGoingAwayBuffersSamplesAndReconnects() throws Exception {
    String database = target("store_away");
    String history = server.createUniqueDatabase("history_away");
    try (HistoryStore reconnecting = HistoryStore.open(() -> server.connect(history));
        Monitor monitor = new Monitor(reconnecting, List.of(monitored(database)), AlertRules.defaults(), List.of(),
            QUICK, HeavyChecks.none(), FAST, Clock.systemUTC());
        Connection admin = server.connect("postgres")) {
      monitor.cycle();
      try (Statement s = admin.createStatement()) {
        s.execute("ALTER DATABASE " + history + " ALLOW_CONNECTIONS false");
        s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + history + "'");
      }
      monitor.cycle();
      monitor.cycle();
      assertThat(monitor.metrics().render()).contains("querydoctor_monitor_store_buffered_samples 2");
      try (Statement s = admin.createStatement()) {
        s.execute("ALTER DATABASE " + history + " ALLOW_CONNECTIONS true");
      }
      monitor.cycle();
      assertThat(monitor.metrics().render()).contains("querydoctor_monitor_store_buffered_samples 0",
          "querydoctor_monitor_store_dropped_samples_total 0");
    }
    List<String[]> intervals = new ArrayList<>();
    try (Connection c = server.connect(history); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT interval_start::text, interval_end::text FROM qd_monitor.sample"
            + " ORDER BY interval_end")) {
      while (rs.next()) {
        intervals.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    assertThat(intervals).as("every sample kept, in order, without gaps").hasSize(4);
    for (int i = 1; i < intervals.size(); i++) {
      assertThat(intervals.get(i)[0]).isEqualTo(intervals.get(i - 1)[1]);
    }
  }

  @Test
  void storeAwayTooLongKeepsTheNewestSamplesAndCountsTheDropped() throws Exception {
    Connection storeConnection = server.connect(server.createUniqueDatabase("history_gone"));
    MonitoredTarget unreachable = new MonitoredTarget("jdbc:postgresql://127.0.0.1:1/gone", "gone", () -> {
      throw new SQLException("connection refused");
    }, Duration.ofSeconds(1));
    try (HistoryStore gone = HistoryStore.open(storeConnection);
        Monitor monitor = new Monitor(gone, List.of(unreachable), AlertRules.defaults(), List.of(), QUICK,
            HeavyChecks.none(), FAST, Clock.systemUTC())) {
      storeConnection.close(); // the store is away for good: no connector to reconnect with
      for (int i = 0; i < Monitor.MAX_UNSAVED + 5; i++) {
        monitor.cycle();
      }
      assertThat(monitor.metrics().render()).contains(
          "querydoctor_monitor_store_buffered_samples " + Monitor.MAX_UNSAVED,
          "querydoctor_monitor_store_dropped_samples_total 5",
          "querydoctor_monitor_samples_total{target=\"jdbc:postgresql://127.0.0.1:1/gone\"} " + (Monitor.MAX_UNSAVED + 5));
    }
  }

  private static void query(Connection app, int times) throws SQLException {
    try (Statement s = app.createStatement()) {
      for (int i = 0; i < times; i++) {
        s.executeQuery("SELECT v FROM items WHERE id = " + (i + 1)).close();
      }
    }
  }

  private long single(String sql) throws SQLException {
    try (Connection c = server.connect(storeDatabase()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as("a row from: %s", sql).isTrue();
      return rs.getLong(1);
    }
  }

  private long uncheckedSingle(String sql) {
    try {
      return single(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String[]> rows(String sql) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (Connection c = server.connect(storeDatabase()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return rows;
  }

  private String storeDatabase() {
    return storeDatabase;
  }

  static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }
}
