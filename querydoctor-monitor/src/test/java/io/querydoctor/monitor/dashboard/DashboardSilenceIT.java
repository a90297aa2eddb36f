package io.querydoctor.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.HeavyChecks;
import io.querydoctor.monitor.Monitor;
import io.querydoctor.monitor.MonitorSettings;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.notify.Receiver;
import io.querydoctor.monitor.notify.WebhookNotifier;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.store.HistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A silence set on the Alerts page holds the webhook's notifications of that rule and subject back until it ends,
 * recorded as suppressed, while the alert keeps being evaluated; once the silence has ended, the still-firing
 * alert is delivered. An acknowledgement holds nothing back. A held lock drives lock-contention (threshold 1 s).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class DashboardSilenceIT {

  private static final Duration SILENCE = Duration.ofSeconds(6);

  @Test
  void aSilencedFiringAlertSendsNothingUntilTheSilenceEnds(EmbeddedServer server, @TempDir Path dir)
      throws Exception {
    String database = server.createUniqueDatabase("silence");
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE items (id int PRIMARY KEY, v text)");
      s.execute("INSERT INTO items SELECT g, 'x' || g FROM generate_series(1, 100) g");
    }
    String storeDatabase = server.createUniqueDatabase("silence_store");
    HistoryStore store = HistoryStore.open(server.connect(storeDatabase));
    Path rules = Files.writeString(dir.resolve("rules.yml"), "rules:\n  - id: lock-contention\n    threshold: 1\n");
    MonitoredTarget target = new MonitoredTarget(server.jdbcUrl(database), database, () -> server.connect(database),
        Duration.ofSeconds(10));
    try (Receiver receiver = new Receiver();
        DashboardStore dashboardStore = new DashboardStore(() -> server.connect(storeDatabase));
        Monitor monitor = new Monitor(store, List.of(target), AlertRules.load(rules),
            List.of(new WebhookNotifier(receiver.uri("/hook"))), new DeliveryQueue.Backoff(Duration.ofMillis(50),
                Duration.ofMillis(50), 2), HeavyChecks.none(),
            MonitorSettings.defaults().withInterval(Duration.ofSeconds(1)), Clock.systemUTC())) {
      monitor.silences(new AlertSilences(dashboardStore));
      monitor.cycle();

      // Unsilenced (and acknowledged: display-only) it is delivered.
      Alert first = holdLock(server, database, monitor, receiver);
      dashboardStore.update("INSERT INTO qd_monitor.alert_note (alert_id, action, reason, at) "
          + "VALUES (?, 'acknowledge', 'seen', now())", first.id());
      assertThat(firingBodies(receiver)).isEqualTo(1);

      // Silenced by the earlier alert of the same rule and subject: the new firing is evaluated, not sent.
      Instant until = Instant.now().plus(SILENCE);
      dashboardStore.update("INSERT INTO qd_monitor.alert_note (alert_id, action, reason, until, at) "
          + "VALUES (?, 'silence', 'deploying', ?, now())", first.id(), until);
      int bodies = receiver.bodies().size();
      try (Connection holder = server.connect(database); Connection waiter = server.connect(database)) {
        CompletableFuture<Void> blocked = lock(holder, waiter);
        monitor.cycle();
        Alert second = monitor.openAlerts().stream().filter(a -> a.rule().id().equals("lock-contention"))
            .findFirst().orElseThrow();
        assertThat(second.state()).isEqualTo(AlertState.FIRING);
        assertThat(second.id()).isNotEqualTo(first.id());
        Thread.sleep(1_000);
        monitor.cycle();
        Thread.sleep(500);
        assertThat(receiver.bodies()).hasSize(bodies);
        assertThat(dashboardStore.query("SELECT detail FROM qd_monitor.delivery WHERE alert_ids = ? AND NOT ok",
            rs -> rs.getString(1), Long.toString(second.id()))).isNotEmpty()
            .allMatch(d -> d.startsWith("suppressed: silenced until "));

        // The silence ends; the alert still fires and is delivered now.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis() + 200));
        monitor.cycle();
        await(() -> receiver.bodies().size() > bodies);
        assertThat(receiver.bodies().get(bodies)).contains("\"state\":\"firing\"", "lock-contention");
        holder.commit();
        blocked.get();
      }
    } finally {
      store.close();
    }
  }

  private static long firingBodies(Receiver receiver) {
    return receiver.bodies().stream().filter(b -> b.contains("\"state\":\"firing\"")).count();
  }

  /** Holds a row lock that another session waits on until the alert fires and is delivered, then releases it. */
  private static Alert holdLock(EmbeddedServer server, String database, Monitor monitor, Receiver receiver)
      throws Exception {
    try (Connection holder = server.connect(database); Connection waiter = server.connect(database)) {
      CompletableFuture<Void> blocked = lock(holder, waiter);
      monitor.cycle();
      Alert firing = monitor.openAlerts().stream().filter(a -> a.rule().id().equals("lock-contention")).findFirst()
          .orElseThrow();
      assertThat(firing.state()).isEqualTo(AlertState.FIRING);
      await(() -> firingBodies(receiver) == 1);
      holder.commit();
      blocked.get();
      monitor.cycle();
      assertThat(monitor.openAlerts()).noneMatch(a -> a.rule().id().equals("lock-contention"));
      await(() -> receiver.bodies().stream().anyMatch(b -> b.contains("\"state\":\"resolved\"")));
      return firing;
    }
  }

  private static CompletableFuture<Void> lock(Connection holder, Connection waiter) throws Exception {
    holder.setAutoCommit(false);
    try (Statement s = holder.createStatement()) {
      s.execute("UPDATE items SET v = 'held' WHERE id = 1");
    }
    CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
      try (Statement s = waiter.createStatement()) {
        s.execute("UPDATE items SET v = 'waited' WHERE id = 1");
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(1_300);
    return blocked;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
