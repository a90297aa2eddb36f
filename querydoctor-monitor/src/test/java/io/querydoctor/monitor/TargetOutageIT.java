package io.querydoctor.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.alert.AlertRule;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.store.HistoryStore;
import io.querydoctor.monitor.store.StoreLocation;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A target server that stops and comes back, and an embedded store kept across restarts. */
@ExtendWith(EmbeddedPostgresExtension.class)
class TargetOutageIT {

  /** A statement with a query id of its own (a bare {@code SELECT 42} shares one with the driver's checks). */
  private static final String PROBE = "SELECT count(*) FROM pg_class WHERE relname = 'outage_probe'";

  @Test
  void targetGoingAwayRecordsFailedSamplesFiresAndResumes(EmbeddedServer shared, @TempDir Path dir)
      throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path data = dir.resolve("target");
    Files.createDirectories(data);
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, "{\"rules\": [{\"id\": \"monitor-target-down\", \"for\": \"0s\"}]}");
    List<AlertRule> ruleList = AlertRules.load(rules);
    String storeDb = shared.createUniqueDatabase("outage_store");
    EmbeddedServer target = EmbeddedServer.startKeeping(data, port);
    String url = target.jdbcUrl("postgres");
    MonitoredTarget monitored = new MonitoredTarget(url, "postgres",
        () -> java.sql.DriverManager.getConnection(url, EmbeddedServer.SUPERUSER, ""), Duration.ofSeconds(5));
    try (HistoryStore store = HistoryStore.open(shared.connect(storeDb));
        Monitor monitor = new Monitor(store, List.of(monitored), ruleList, List.of(),
            DeliveryQueue.Backoff.STANDARD, HeavyChecks.none(), MonitorSettings.defaults(), Clock.systemUTC())) {
      probe(url, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", 1);
      probe(url, PROBE, 10);
      Sample before = monitor.cycle().get(0);
      assertThat(before.ok()).isTrue();
      probe(url, PROBE, 20);

      target.close();
      Sample down = monitor.cycle().get(0);
      Sample stillDown = monitor.cycle().get(0);
      assertThat(down.ok()).isFalse();
      assertThat(down.error()).isNotBlank();
      assertThat(stillDown.ok()).isFalse();

      target = EmbeddedServer.startKeeping(data, port);
      probe(url, PROBE, 3);
      Sample back = monitor.cycle().get(0);
      assertThat(back.ok()).as("resumed: %s", back.error()).isTrue();
      assertThat(back.intervalStart()).as("the first good sample covers the outage").isEqualTo(before.intervalEnd());
      // A clean restart keeps the statistics (pg_stat_statements saves them at shutdown): the 20 calls made
      // before it and the 3 after are this interval's; taking the restart for a reset would count the 10 made
      // before the previous sample again (33).
      assertThat(back.deltas().statements()).filteredOn(st -> st.query().contains("FROM pg_class WHERE relname"))
          .singleElement().satisfies(st -> assertThat(st.calls()).isEqualTo(23));
      assertThat(back.deltas().statements()).allSatisfy(st -> {
        assertThat(st.calls()).isPositive();
        assertThat(st.totalExecMs()).isNotNegative();
      });
      assertThat(back.deltas().database().xactCommit()).isNotNegative()
          .isLessThan(back.counters().database().xactCommit());

      long alertId;
      try (Connection c = shared.connect(storeDb); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id FROM qd_monitor.alert WHERE rule = 'monitor-target-down'")) {
        assertThat(rs.next()).isTrue();
        alertId = rs.getLong(1);
        assertThat(rs.next()).as("one alert for the whole outage").isFalse();
      }
      assertThat(store.alerts().states(alertId))
          .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
      try (Connection c = shared.connect(storeDb); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE NOT ok), count(*) FROM qd_monitor.sample")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.getInt(2)).isEqualTo(4);
      }
    } finally {
      target.close();
    }
  }

  private static void probe(String url, String sql, int times) throws Exception {
    try (Connection c = java.sql.DriverManager.getConnection(url, EmbeddedServer.SUPERUSER, "");
        Statement s = c.createStatement()) {
      for (int i = 0; i < times; i++) {
        s.execute(sql);
      }
    }
  }

  @Test
  void embeddedStoreKeepsItsHistoryAcrossRestarts(@TempDir Path dir) throws Exception {
    Path storeDir = dir.resolve("store");
    Instant at = Instant.parse("2026-12-06T12:00:00Z");
    try (StoreLocation location = StoreLocation.open(storeDir.toString(), null)) {
      assertThat(location.store().schemaVersion()).isEqualTo(3);
      location.store().addDeployMark("v1.4.2", null, at);
    }
    try (StoreLocation location = StoreLocation.open(storeDir.toString(), null)) {
      assertThat(location.store().schemaVersion()).isEqualTo(3);
      assertThat(location.store().latestDeployMark("any", at.plusSeconds(1))).contains(at);
    }
  }
}
