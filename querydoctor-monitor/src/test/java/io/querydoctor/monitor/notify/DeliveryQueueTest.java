package io.querydoctor.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertRule;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.alert.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class DeliveryQueueTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final DeliveryQueue.Backoff QUICK = new DeliveryQueue.Backoff(Duration.ofMillis(100),
      Duration.ofMillis(400), 30);

  record Attempt(String notifier, int attempt, boolean ok, String detail) {
  }

  private static Alert alert(AlertState state) {
    AlertRule rule = AlertRules.defaults().stream().filter(r -> r.id().equals("idle-in-transaction")).findFirst()
        .orElseThrow();
    return new Alert(42, "jdbc:postgresql://db/app", rule, Subject.database("app"), Severity.MEDIUM, state, 45.0,
        NOW.minusSeconds(60), NOW, null);
  }

  @Test
  void deliversWebhookPayloadAndRecordsIt() throws Exception {
    List<Attempt> attempts = new CopyOnWriteArrayList<>();
    try (Receiver receiver = new Receiver();
        DeliveryQueue queue = new DeliveryQueue(new WebhookNotifier(receiver.uri("/hook")),
            (n, alerts, attempt, ok, detail) -> attempts.add(new Attempt(n, attempt, ok, detail)), QUICK, 10)) {
      assertThat(queue.submit(List.of(alert(AlertState.FIRING)), NOW)).isTrue();
      await(() -> attempts.size() == 1);

      assertThat(attempts).containsExactly(new Attempt("webhook", 1, true, "delivered"));
      JsonNode body = new ObjectMapper().readTree(receiver.bodies().get(0));
      assertThat(body.get("text").asText()).startsWith("[FIRING] medium idle-in-transaction: ")
          .contains("45.0 s (threshold >= 30.0 s)", "Fix: Commit or roll back");
      assertThat(body.get("alerts").get(0).get("state").asText()).isEqualTo("firing");
      assertThat(body.get("alerts").get(0).get("subject").asText()).isEqualTo("database app");
    }
  }

  @Test
  void retriesWithBackOffWhileTheReceiverIsDownThenDelivers() throws Exception {
    List<Attempt> attempts = new CopyOnWriteArrayList<>();
    try (Receiver receiver = new Receiver();
        DeliveryQueue queue = new DeliveryQueue(new AlertmanagerNotifier(receiver.uri(""), Duration.ofMinutes(4)),
            (n, alerts, attempt, ok, detail) -> attempts.add(new Attempt(n, attempt, ok, detail)), QUICK, 10)) {
      receiver.kill();
      long submitted = System.nanoTime();
      assertThat(queue.submit(List.of(alert(AlertState.FIRING)), NOW)).isTrue();
      assertThat((System.nanoTime() - submitted) / 1_000_000).as("submit never waits for the receiver")
          .isLessThan(200);
      await(() -> attempts.size() >= 3);
      receiver.restart();
      await(() -> attempts.stream().anyMatch(Attempt::ok));

      assertThat(attempts.get(0).ok()).isFalse();
      assertThat(attempts.get(0).detail()).contains("ConnectException");
      assertThat(attempts).filteredOn(Attempt::ok).singleElement()
          .satisfies(a -> assertThat(a.attempt()).isGreaterThanOrEqualTo(3));
      assertThat(queue.failedAttempts()).isGreaterThanOrEqualTo(2);
      assertThat(receiver.paths()).containsExactly("/api/v2/alerts");
      JsonNode alert = new ObjectMapper().readTree(receiver.bodies().get(0)).get(0);
      assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("idle-in-transaction");
      assertThat(alert.get("endsAt").asText()).isEqualTo(NOW.plus(Duration.ofMinutes(4)).toString());
      assertThat(alert.get("annotations").get("description").asText()).startsWith("Commit or roll back");
    }
  }

  @Test
  void resolvedAlertEndsWhenItResolved() throws Exception {
    AlertmanagerNotifier notifier = new AlertmanagerNotifier(java.net.URI.create("http://am:9093/"),
        Duration.ofMinutes(4));
    JsonNode alert = new ObjectMapper().readTree(notifier.body(List.of(alert(AlertState.RESOLVED)), NOW.plusSeconds(30)))
        .get(0);
    assertThat(notifier.endpoint().toString()).isEqualTo("http://am:9093/api/v2/alerts");
    assertThat(alert.get("endsAt").asText()).isEqualTo(NOW.toString());
  }

  @Test
  void fullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.kill();
      DeliveryQueue queue = new DeliveryQueue(new WebhookNotifier(receiver.uri("/hook")),
          (n, alerts, attempt, ok, detail) -> { }, QUICK, 1);
      try {
        for (int i = 0; i < 5; i++) {
          queue.submit(List.of(alert(AlertState.FIRING)), NOW);
        }
        assertThat(queue.dropped()).isGreaterThanOrEqualTo(3);
      } finally {
        queue.close(Duration.ofMillis(100));
      }
    }
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
