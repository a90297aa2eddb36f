package io.querydoctor.monitor.alert;

import io.querydoctor.core.finding.Subject;
import io.querydoctor.monitor.store.AlertHistory;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns observations into alert state changes, one open alert per target, rule and subject.
 *
 * <p>Design: a breached condition opens a {@code pending} alert; once it has held for the rule's {@code for}
 * duration (measured from the first breaching observation) the alert is {@code firing}. A condition that
 * clears resolves a firing alert and cancels a pending one. Repeated breaching observations only update the
 * value: that is the deduplication, and the reason a notifier hears about an alert once when it fires and once
 * when it resolves. A metric that was not observed (a failed sample, too little traffic) changes nothing, so
 * an outage never resolves the alerts that were firing before it. Called on the sampling thread only.
 */
public final class AlertEvaluator {

  private final List<AlertRule> rules;
  private final AlertHistory history;
  private final Map<String, Alert> open = new LinkedHashMap<>();

  /**
   * Continues the alerts {@code history} has open for these rules and {@code targets} (a restarted monitor);
   * alerts of databases this monitor does not watch (another monitor's, on a shared store) are left alone.
   */
  public AlertEvaluator(List<AlertRule> rules, AlertHistory history, java.util.Set<String> targets)
      throws SQLException {
    this.rules = List.copyOf(rules);
    this.history = history;
    Map<String, AlertRule> byId = new LinkedHashMap<>();
    rules.forEach(r -> byId.put(r.id(), r));
    history.openAlerts(byId).stream().filter(a -> targets.contains(a.target())).forEach(a -> open.put(a.key(), a));
  }

  /** Evaluates every rule on {@code observed}; returns the alerts that started firing or resolved now. */
  public List<Alert> evaluate(String target, Observations observed, Instant now) throws SQLException {
    List<Alert> changed = new ArrayList<>();
    for (AlertRule rule : rules) {
      Map<Subject, Double> values = observed.of(rule.metric());
      if (values == null) {
        continue;
      }
      for (Map.Entry<Subject, Double> value : values.entrySet()) {
        Alert transition = step(target, rule, value.getKey(), value.getValue(),
            observed.detail(rule.metric(), value.getKey()), now);
        if (transition != null) {
          changed.add(transition);
        }
      }
      if (observed.isComplete(rule.metric())) {
        clearUnobserved(target, rule, values, now, changed);
      }
    }
    return changed;
  }

  /** Every open alert (pending or firing), for /metrics. */
  public List<Alert> openAlerts() {
    return List.copyOf(open.values());
  }

  private Alert step(String target, AlertRule rule, Subject subject, double value, String detail, Instant now)
      throws SQLException {
    String key = key(target, rule, subject);
    Alert current = open.get(key);
    if (rule.breached(value)) {
      if (current == null) {
        current = history.open(new Alert(0, target, rule, subject, rule.severity(), AlertState.PENDING, value, now,
            now, detail));
        open.put(key, current);
      }
      if (current.state() == AlertState.PENDING && held(current, rule.forDuration(), now)) {
        return change(current.withState(AlertState.FIRING, value, now));
      }
      Alert updated = current.withValue(value, now);
      open.put(key, updated);
      history.update(updated, false);
      return null;
    }
    if (current == null) {
      return null;
    }
    return clear(current, value, now);
  }

  private void clearUnobserved(String target, AlertRule rule, Map<Subject, Double> values, Instant now,
      List<Alert> changed) throws SQLException {
    for (Alert alert : List.copyOf(open.values())) {
      if (alert.target().equals(target) && alert.rule().id().equals(rule.id())
          && !values.containsKey(alert.subject())) {
        Alert cleared = clear(alert, alert.value(), now);
        if (cleared != null) {
          changed.add(cleared);
        }
      }
    }
  }

  private Alert clear(Alert current, double value, Instant now) throws SQLException {
    boolean wasFiring = current.state() == AlertState.FIRING;
    Alert cleared = change(current.withState(wasFiring ? AlertState.RESOLVED : AlertState.CANCELLED, value, now));
    return wasFiring ? cleared : null;
  }

  private Alert change(Alert next) throws SQLException {
    if (next.state().open()) {
      open.put(next.key(), next);
    } else {
      open.remove(next.key());
    }
    history.update(next, true);
    return next;
  }

  private static boolean held(Alert alert, Duration forDuration, Instant now) {
    return !Duration.between(alert.startedAt(), now).minus(forDuration).isNegative();
  }

  private static String key(String target, AlertRule rule, Subject subject) {
    return target + "|" + rule.id() + "|" + subject.kind().name() + ":" + subject.name();
  }
}
