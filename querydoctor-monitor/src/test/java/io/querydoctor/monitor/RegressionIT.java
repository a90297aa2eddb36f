package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.store.HistoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A workload that changes after a deploy mark: a lookup whose index is dropped becomes a latency regression,
 * a slow statement that first runs after the deploy is a new slow query; the slow statement that ran before the
 * deploy is not "new".
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class RegressionIT {

  @Test
  void deployThenDroppedIndexAndNewSlowStatementFire(EmbeddedServer server) throws Exception {
    String database = server.createUniqueDatabase("regression");
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION pg_stat_statements");
      s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer int, total numeric)");
      s.execute("INSERT INTO orders SELECT g, g % 5000, g FROM generate_series(1, 200000) g");
      s.execute("CREATE INDEX orders_customer ON orders (customer)");
      s.execute("ANALYZE orders");
    }
    MonitoredTarget target = new MonitoredTarget(server.jdbcUrl(database), database,
        () -> server.connect(database), Duration.ofSeconds(10));
    List<Alert> changed = new ArrayList<>();
    try (HistoryStore store = HistoryStore.open(server.connect(server.createUniqueDatabase("regression_store")));
        Monitor monitor = new Monitor(store, List.of(target), AlertRules.defaults(), List.of(),
            DeliveryQueue.Backoff.STANDARD, HeavyChecks.none(), MonitorSettings.defaults(), Clock.systemUTC());
        Connection app = server.connect(database)) {
      monitor.cycle();
      lookups(app, 30);
      slowReport(app, 5);
      monitor.cycle();
      lookups(app, 30);
      monitor.cycle();

      store.addDeployMark("v1.4.2", null, Clock.systemUTC().instant());
      Thread.sleep(5);
      try (Statement s = app.createStatement()) {
        s.execute("DROP INDEX orders_customer");
      }
      lookups(app, 30);
      slowReport(app, 5);
      try (Statement s = app.createStatement()) {
        for (int i = 0; i < 5; i++) {
          s.execute("SELECT pg_sleep(0.12), count(*) FROM orders WHERE id < 10");
        }
      }
      monitor.cycle();
      changed.addAll(firing(monitor));
    }
    assertThat(changed).filteredOn(a -> a.rule().id().equals("latency-regression")).singleElement()
        .satisfies(a -> assertThat(a.value()).isGreaterThanOrEqualTo(2));
    assertThat(changed).filteredOn(a -> a.rule().id().equals("new-slow-query")).singleElement()
        .satisfies(a -> assertThat(a.value()).isGreaterThanOrEqualTo(100));
  }

  private static List<Alert> firing(Monitor monitor) {
    // The evaluator's open alerts as /metrics sees them.
    return monitor.openAlerts().stream().filter(a -> a.state() == AlertState.FIRING).toList();
  }

  private static void lookups(Connection app, int times) throws SQLException {
    try (PreparedStatement p = app.prepareStatement("SELECT sum(total) FROM orders WHERE customer = ?")) {
      for (int i = 0; i < times; i++) {
        p.setInt(1, i);
        p.executeQuery().close();
      }
    }
  }

  /** Slow before and after the deploy: old, so never a new slow query. */
  private static void slowReport(Connection app, int times) throws SQLException {
    try (Statement s = app.createStatement()) {
      for (int i = 0; i < times; i++) {
        s.execute("SELECT pg_sleep(0.11) AS old_report");
      }
    }
  }
}
