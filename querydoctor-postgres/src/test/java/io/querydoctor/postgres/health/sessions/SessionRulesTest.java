package io.querydoctor.postgres.health.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Severity;
import io.querydoctor.postgres.health.HealthThresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionRulesTest {

  private static final HealthThresholds DEFAULTS = HealthThresholds.defaults();

  private static SessionActivityCheck.Row session(String state, double stateSeconds, long locks) {
    return new SessionActivityCheck.Row(77, "app", "shop", "web", "10.0.0.5", state, stateSeconds, 40, stateSeconds,
        "", "SELECT * FROM orders WHERE id = 42 FOR UPDATE", locks);
  }

  @Test
  void idleInTransactionFiresAtThirtySecondsAndIsHighWhenHoldingLocks() {
    var rule = new IdleInTransactionRule(DEFAULTS);
    assertThat(rule.evaluate(List.of(session("idle in transaction", 29.9, 3)))).isEmpty();
    assertThat(rule.evaluate(List.of(session("idle in transaction", 31, 3)))).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.detail()).contains("SELECT * FROM orders WHERE id = ? FOR UPDATE").doesNotContain("42");
      assertThat(f.fix().sql()).startsWith("SELECT pg_terminate_backend(77);");
    });
    assertThat(rule.evaluate(List.of(session("idle in transaction (aborted)", 31, 0)))).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    assertThat(rule.evaluate(List.of(session("active", 120, 3)))).isEmpty();
  }

  @Test
  void longRunningOnlyCountsActiveStatements() {
    var rule = new LongRunningQueryRule(DEFAULTS);
    assertThat(rule.evaluate(List.of(session("active", 61, 1)))).hasSize(1);
    assertThat(rule.evaluate(List.of(session("active", 59, 1), session("idle in transaction", 600, 1)))).isEmpty();
  }

  @Test
  void lockWaitCancelsARunningBlockerAndReportsEachWaiterOnce() {
    var rule = new LockContentionRule(DEFAULTS);
    var first = new LockWaitCheck.Row(10, 6.5, "ShareLock", "transactionid (a row of public.orders)", "UPDATE …", 20,
        "active", 12, "UPDATE orders SET total = 0");
    var second = new LockWaitCheck.Row(10, 6.5, "ShareLock", "transactionid", "UPDATE …", 21, "active", 3, "…");
    assertThat(rule.evaluate(List.of(first, second))).singleElement().satisfies(f -> {
      assertThat(f.subject().name()).isEqualTo("10");
      assertThat(f.fix().sql()).isEqualTo("SELECT pg_cancel_backend(20);");
    });
    var brief = new LockWaitCheck.Row(11, 4.9, "RowExclusiveLock", "public.orders", "…", 20, "active", 5, "…");
    assertThat(rule.evaluate(List.of(brief))).isEmpty();
  }

  @Test
  void saturationCountsOnlyConnectionsOrdinaryRolesCanUse() {
    var rule = new ConnectionSaturationRule(DEFAULTS);
    assertThat(rule.evaluate(List.of(new ConnectionCountCheck.Row(77, 10, 60, 7, 100, 3)))).as("79.4 %").isEmpty();
    assertThat(rule.evaluate(List.of(new ConnectionCountCheck.Row(78, 10, 61, 7, 100, 3)))).singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.HIGH);
          assertThat(f.title()).isEqualTo("78 of 97 usable connections are in use (80.4 %)");
          assertThat(f.detail()).contains("Most connections do nothing");
        });
    assertThat(rule.evaluate(List.of(new ConnectionCountCheck.Row(95, 90, 5, 0, 100, 3)))).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
  }
}
