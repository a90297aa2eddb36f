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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code call-rate-regression} from a real workload change after a deploy mark (a lookup called ten times as often:
 * an N+1), and {@code gradual-slowdown} from synthetic daily history; each with a statement that stays silent.
 * Time is a {@link StepClock}: a minute between samples without waiting for it.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class TrendRegressionIT {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aLookupCalledTenTimesAsOftenAfterADeployIsACallRateRegression(EmbeddedServer server) throws Exception {
    String database = target(server, "callrate");
    StepClock clock = new StepClock(START);
    MonitoredTarget target = new MonitoredTarget(server.jdbcUrl(database), database,
        () -> server.connect(database), Duration.ofSeconds(10));
    try (HistoryStore store = HistoryStore.open(server.connect(server.createUniqueDatabase("callrate_store")));
        Monitor monitor = new Monitor(store, List.of(target), AlertRules.defaults(), List.of(),
            DeliveryQueue.Backoff.STANDARD, HeavyChecks.none(), MonitorSettings.defaults().withPlanStatements(0),
            clock);
        Connection app = server.connect(database)) {
      monitor.cycle();
      for (int minute = 0; minute < 3; minute++) {
        run(app, "SELECT total FROM orders WHERE id = ?", 120);
        run(app, "SELECT count(*) FROM orders WHERE customer = ?", 150);
        clock.advance(Duration.ofMinutes(1));
        monitor.cycle();
      }
      assertThat(callRate(monitor)).isEmpty();

      store.addDeployMark("v2.0.0", null, clock.instant().plusSeconds(1));
      run(app, "SELECT total FROM orders WHERE id = ?", 1_200); // one lookup per order line now
      run(app, "SELECT count(*) FROM orders WHERE customer = ?", 160);
      clock.advance(Duration.ofMinutes(1));
      monitor.cycle();

      List<Alert> firing = callRate(monitor);
      assertThat(firing).singleElement().satisfies(a -> {
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.value()).isBetween(9.0, 11.0);
        assertThat(a.subject().name()).isEqualTo(Long.toString(queryid(app, "WHERE id = $1")));
      });
      System.out.println("call-rate-regression: " + firing.get(0).summary());

      run(app, "SELECT total FROM orders WHERE id = ?", 120);
      run(app, "SELECT count(*) FROM orders WHERE customer = ?", 150);
      clock.advance(Duration.ofMinutes(1));
      monitor.cycle();
      assertThat(callRate(monitor)).isEmpty();
    }
  }

  @Test
  void aMeanRisingTwentyPercentADayIsAGradualSlowdown(EmbeddedServer server) throws Exception {
    String database = target(server, "slowdown");
    Instant now = START.plus(Duration.ofDays(8));
    MonitoredTarget target = new MonitoredTarget(server.jdbcUrl(database), database,
        () -> server.connect(database), Duration.ofSeconds(10));
    String storeDb = server.createUniqueDatabase("slowdown_store");
    try (HistoryStore store = HistoryStore.open(server.connect(storeDb));
        Connection history = server.connect(storeDb)) {
      for (int day = 7; day >= 1; day--) {
        double growth = Math.pow(1.2, 7 - day);
        Instant at = now.minus(Duration.ofDays(day)).plus(Duration.ofHours(12));
        // 101 slows 20 %/day; 202 is flat with noise; 303 slows too but has data on 3 days only
        sample(history, target.name(), at, day, new long[] {101, 202, 303},
            new double[] {10 * growth, day % 2 == 0 ? 10.3 : 9.8, day <= 3 ? 10 * growth : Double.NaN});
      }
      try (Monitor monitor = new Monitor(store, List.of(target), AlertRules.defaults(), List.of(),
          DeliveryQueue.Backoff.STANDARD, HeavyChecks.none(), MonitorSettings.defaults().withPlanStatements(0),
          new StepClock(now))) {
        monitor.cycle();
        List<Alert> firing = monitor.openAlerts().stream()
            .filter(a -> a.rule().id().equals("gradual-slowdown")).toList();
        assertThat(firing).singleElement().satisfies(a -> {
          assertThat(a.subject().name()).isEqualTo("101");
          assertThat(a.state()).isEqualTo(AlertState.FIRING);
          // ×1.2 a day fitted by a line, in percent of the week's mean: 17.7 %/day
          assertThat(a.value()).isBetween(15.0, 20.0);
        });
        System.out.println("gradual-slowdown: " + firing.get(0).summary());
      }
    }
  }

  private static String target(EmbeddedServer server, String prefix) throws SQLException {
    String database = server.createUniqueDatabase(prefix);
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION pg_stat_statements");
      s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer int, total numeric)");
      s.execute("INSERT INTO orders SELECT g, g % 500, g FROM generate_series(1, 5000) g");
      s.execute("CREATE INDEX orders_customer ON orders (customer)");
      s.execute("ANALYZE orders");
    }
    return database;
  }

  /** One synthetic sample of one hour with 20 calls per query id at the given means (NaN: no calls). */
  private static void sample(Connection c, String target, Instant end, int day, long[] queryids, double[] means)
      throws SQLException {
    long id;
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO qd_monitor.sample (target, interval_start, "
        + "interval_end, ok) VALUES (?, ?, ?, true) RETURNING id")) {
      insert.setString(1, target);
      insert.setTimestamp(2, java.sql.Timestamp.from(end.minus(Duration.ofHours(1))));
      insert.setTimestamp(3, java.sql.Timestamp.from(end));
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO qd_monitor.statement_delta (sample_id, queryid, "
        + "query, calls, total_exec_ms, rows, shared_blks_hit, shared_blks_read, temp_blks_written) "
        + "VALUES (?, ?, 'SELECT ' || ?, 20, ?, 20, 0, 0, 0)")) {
      for (int i = 0; i < queryids.length; i++) {
        if (!Double.isNaN(means[i])) {
          insert.setLong(1, id);
          insert.setLong(2, queryids[i]);
          insert.setLong(3, queryids[i]);
          insert.setDouble(4, 20 * means[i]);
          insert.executeUpdate();
        }
      }
    }
  }

  private static List<Alert> callRate(Monitor monitor) {
    return monitor.openAlerts().stream().filter(a -> a.rule().id().equals("call-rate-regression")).toList();
  }

  private static void run(Connection app, String sql, int times) throws SQLException {
    try (PreparedStatement p = app.prepareStatement(sql)) {
      for (int i = 0; i < times; i++) {
        p.setInt(1, i % 5000 + 1);
        p.executeQuery().close();
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
}
