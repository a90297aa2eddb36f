package io.querydoctor.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.store.HistoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The alert state machine on a real store, with the times given (no sleeping). */
@ExtendWith(EmbeddedPostgresExtension.class)
class AlertEvaluatorIT {

  private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
  private static final AlertRule SATURATION = new AlertRule("connection-saturation",
      Observations.CONNECTIONS_USED_RATIO, Comparison.ABOVE, 0.8, Unit.RATIO, Duration.ofMinutes(1), Severity.HIGH,
      "connections near max_connections", "pool", "runbook");
  private static final Subject MAX = Subject.setting("max_connections");

  private static Observations ratio(double value) {
    return new Observations().put(Observations.CONNECTIONS_USED_RATIO, MAX, value);
  }

  @Test
  void pendingForTheForDurationThenFiringOnceThenResolved(EmbeddedServer server) throws Exception {
    try (HistoryStore store = HistoryStore.open(server.connect(server.createUniqueDatabase("alerts_a")))) {
      AlertEvaluator evaluator = new AlertEvaluator(List.of(SATURATION), store.alerts(), Set.of("db"));

      assertThat(evaluator.evaluate("db", ratio(0.9), T0)).isEmpty();
      assertThat(evaluator.openAlerts()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.PENDING));
      assertThat(evaluator.evaluate("db", ratio(0.95), T0.plusSeconds(30))).isEmpty();
      List<Alert> fired = evaluator.evaluate("db", ratio(0.92), T0.plusSeconds(60));
      assertThat(fired).singleElement().satisfies(a -> {
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.summary()).contains("92.0 %", ">= 80.0 %");
      });
      assertThat(evaluator.evaluate("db", ratio(0.97), T0.plusSeconds(90))).as("deduplicated").isEmpty();
      assertThat(evaluator.evaluate("db", new Observations(), T0.plusSeconds(120))).as("not observed: unchanged")
          .isEmpty();
      List<Alert> resolved = evaluator.evaluate("db", ratio(0.5), T0.plusSeconds(150));
      assertThat(resolved).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
      assertThat(store.alerts().states(resolved.get(0).id()))
          .containsExactly(AlertState.PENDING, AlertState.FIRING, AlertState.RESOLVED);
      assertThat(evaluator.openAlerts()).isEmpty();
    }
  }

  @Test
  void aBlipShorterThanForIsCancelledWithoutNotification(EmbeddedServer server) throws Exception {
    try (HistoryStore store = HistoryStore.open(server.connect(server.createUniqueDatabase("alerts_b")))) {
      AlertEvaluator evaluator = new AlertEvaluator(List.of(SATURATION), store.alerts(), Set.of("db"));
      assertThat(evaluator.evaluate("db", ratio(0.9), T0)).isEmpty();
      assertThat(evaluator.evaluate("db", ratio(0.1), T0.plusSeconds(20))).isEmpty();
      assertThat(evaluator.evaluate("db", ratio(0.1), T0.plusSeconds(90))).isEmpty();
      assertThat(evaluator.openAlerts()).isEmpty();
    }
  }

  @Test
  void aRestartedEvaluatorContinuesAndResolvesTheFiringAlert(EmbeddedServer server) throws Exception {
    try (HistoryStore store = HistoryStore.open(server.connect(server.createUniqueDatabase("alerts_c")))) {
      AlertEvaluator before = new AlertEvaluator(List.of(SATURATION), store.alerts(), Set.of("db"));
      before.evaluate("db", ratio(0.9), T0);
      Alert firing = before.evaluate("db", ratio(0.9), T0.plusSeconds(60)).get(0);

      AlertEvaluator after = new AlertEvaluator(List.of(SATURATION), store.alerts(), Set.of("db"));
      assertThat(after.evaluate("db", ratio(0.9), T0.plusSeconds(120))).as("no second firing").isEmpty();
      List<Alert> resolved = after.evaluate("db", ratio(0.2), T0.plusSeconds(180));
      assertThat(resolved).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(firing.id()));
      assertThat(new AlertEvaluator(List.of(SATURATION), store.alerts(), Set.of("other")).openAlerts()).isEmpty();
    }
  }
}
