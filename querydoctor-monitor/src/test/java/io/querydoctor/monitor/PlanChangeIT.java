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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An index dropped between two heavy runs: the lookup that used it gets a new plan and {@code plan-changed} fires
 * with the node-level difference; the statement on the primary key keeps its plan and stays silent; the next
 * heavy run, with the plan unchanged, resolves the alert.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PlanChangeIT {

  @Test
  void droppingAnIndexBetweenTwoHeavyRunsFiresPlanChangedWithTheDifference(EmbeddedServer server) throws Exception {
    String database = server.createUniqueDatabase("plans");
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION pg_stat_statements");
      s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer int, total numeric)");
      s.execute("INSERT INTO orders SELECT g, g % 5000, g FROM generate_series(1, 50000) g");
      s.execute("CREATE INDEX orders_customer ON orders (customer)");
      s.execute("ANALYZE orders");
    }
    MonitoredTarget target = new MonitoredTarget(server.jdbcUrl(database), database,
        () -> server.connect(database), Duration.ofSeconds(10));
    MonitorSettings everyCycle = MonitorSettings.defaults().withHeavyInterval(Duration.ofMillis(1));
    String storeDb = server.createUniqueDatabase("plans_store");
    try (HistoryStore store = HistoryStore.open(server.connect(storeDb));
        Monitor monitor = new Monitor(store, List.of(target), AlertRules.defaults(), List.of(),
            DeliveryQueue.Backoff.STANDARD, HeavyChecks.none(), everyCycle, Clock.systemUTC());
        Connection app = server.connect(database)) {
      workload(app);
      monitor.cycle();
      assertThat(planChanged(monitor)).isEmpty();
      assertThat(count(server, storeDb, "SELECT count(*) FROM qd_monitor.plan_fingerprint")).isGreaterThanOrEqualTo(2);

      try (Statement s = app.createStatement()) {
        s.execute("DROP INDEX orders_customer");
      }
      workload(app);
      monitor.cycle();

      List<Alert> changed = planChanged(monitor);
      assertThat(changed).singleElement().satisfies(a -> {
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.detail()).contains("no longer: ").contains("orders_customer").contains("now: Seq Scan on orders");
        assertThat(a.subject().name()).isEqualTo(Long.toString(queryid(app, "customer = $1")));
      });
      System.out.println("plan-changed: " + changed.get(0).summary());

      workload(app);
      monitor.cycle();
      assertThat(planChanged(monitor)).isEmpty();
    }
  }

  private static List<Alert> planChanged(Monitor monitor) {
    return monitor.openAlerts().stream().filter(a -> a.rule().id().equals("plan-changed")).toList();
  }

  private static void workload(Connection app) throws SQLException {
    try (PreparedStatement byCustomer = app.prepareStatement("SELECT sum(total) FROM orders WHERE customer = ?");
        PreparedStatement byId = app.prepareStatement("SELECT total FROM orders WHERE id = ?")) {
      for (int i = 0; i < 20; i++) {
        byCustomer.setInt(1, i);
        byCustomer.executeQuery().close();
        byId.setInt(1, i + 1);
        byId.executeQuery().close();
      }
    }
  }

  private static long queryid(Connection app, String text) throws SQLException {
    try (PreparedStatement select = app.prepareStatement(
        "SELECT queryid FROM pg_stat_statements WHERE query LIKE ? AND query NOT LIKE '%pg_stat_statements%'"
            + " AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      select.setString(1, "%" + text + "%");
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long count(EmbeddedServer server, String database, String sql) throws SQLException {
    try (Connection c = server.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
