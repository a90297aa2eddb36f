package io.querydoctor.monitor.store;

import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.finding.SubjectKind;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertRule;
import io.querydoctor.monitor.alert.AlertState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Alerts and their state history, and notification deliveries, in the history store. Every state change is
 * one row of {@code alert_event}; {@code alert} holds the latest state. Shares the store's lock.
 */
public final class AlertHistory {

  private final HistoryStore store;

  AlertHistory(HistoryStore store) {
    this.store = store;
  }

  /** Stores a new alert (in its first state) and returns it with its id. */
  public Alert open(Alert alert) throws SQLException {
    synchronized (store) {
      try (PreparedStatement insert = store.connection().prepareStatement("""
          INSERT INTO qd_monitor.alert (target, rule, subject, severity, state, value, summary, started_at, updated_at,
            detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
        insert.setString(1, alert.target());
        insert.setString(2, alert.rule().id());
        insert.setString(3, subjectText(alert.subject()));
        insert.setString(4, alert.severity().label());
        insert.setString(5, alert.state().label());
        insert.setDouble(6, alert.value());
        insert.setString(7, alert.summary());
        HistoryStore.setInstant(insert, 8, alert.startedAt());
        HistoryStore.setInstant(insert, 9, alert.updatedAt());
        insert.setString(10, alert.detail());
        long id;
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
        Alert stored = new Alert(id, alert.target(), alert.rule(), alert.subject(), alert.severity(), alert.state(),
            alert.value(), alert.startedAt(), alert.updatedAt(), alert.detail());
        event(stored);
        return stored;
      }
    }
  }

  /** Records a state change (or, with the same state, just the latest value without an event). */
  public void update(Alert alert, boolean stateChanged) throws SQLException {
    synchronized (store) {
      try (PreparedStatement update = store.connection().prepareStatement(
          "UPDATE qd_monitor.alert SET state = ?, value = ?, summary = ?, updated_at = ? WHERE id = ?")) {
        update.setString(1, alert.state().label());
        update.setDouble(2, alert.value());
        update.setString(3, alert.summary());
        HistoryStore.setInstant(update, 4, alert.updatedAt());
        update.setLong(5, alert.id());
        update.executeUpdate();
      }
      if (stateChanged) {
        event(alert);
      }
    }
  }

  private void event(Alert alert) throws SQLException {
    try (PreparedStatement insert = store.connection().prepareStatement(
        "INSERT INTO qd_monitor.alert_event (alert_id, at, state, value) VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, alert.id());
      HistoryStore.setInstant(insert, 2, alert.updatedAt());
      insert.setString(3, alert.state().label());
      insert.setDouble(4, alert.value());
      insert.executeUpdate();
    }
  }

  /**
   * The alerts still pending or firing, for a restarted monitor to continue (and later resolve) them. Alerts
   * whose rule is no longer configured are left out.
   */
  public List<Alert> openAlerts(Map<String, AlertRule> rulesById) throws SQLException {
    synchronized (store) {
      List<Alert> open = new ArrayList<>();
      try (PreparedStatement select = store.connection().prepareStatement("""
          SELECT id, target, rule, subject, severity, state, value, started_at, updated_at, detail FROM qd_monitor.alert
           WHERE state IN ('pending', 'firing') ORDER BY id""");
          ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          AlertRule rule = rulesById.get(rs.getString(3));
          if (rule != null) {
            open.add(new Alert(rs.getLong(1), rs.getString(2), rule, subject(rs.getString(4)),
                Severity.parse(rs.getString(5)), AlertState.parse(rs.getString(6)), rs.getDouble(7),
                rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(), rs.getString(10)));
          }
        }
      }
      return open;
    }
  }

  /** The states {@code alertId} went through, oldest first. */
  public List<AlertState> states(long alertId) throws SQLException {
    synchronized (store) {
      List<AlertState> states = new ArrayList<>();
      try (PreparedStatement select = store.connection().prepareStatement(
          "SELECT state FROM qd_monitor.alert_event WHERE alert_id = ? ORDER BY id")) {
        select.setLong(1, alertId);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            states.add(AlertState.parse(rs.getString(1)));
          }
        }
      }
      return states;
    }
  }

  /** Records one delivery attempt of a notification about {@code alerts}. */
  public void recordDelivery(String notifier, List<Alert> alerts, int attempt, boolean ok, String detail,
      Instant at) throws SQLException {
    synchronized (store) {
      try (PreparedStatement insert = store.connection().prepareStatement("""
          INSERT INTO qd_monitor.delivery (at, notifier, alert_ids, attempt, ok, detail) VALUES (?, ?, ?, ?, ?, ?)""")) {
        HistoryStore.setInstant(insert, 1, at);
        insert.setString(2, notifier);
        insert.setString(3, alerts.stream().map(a -> Long.toString(a.id())).collect(Collectors.joining(",")));
        insert.setInt(4, attempt);
        insert.setBoolean(5, ok);
        insert.setString(6, detail);
        insert.executeUpdate();
      }
    }
  }

  private static String subjectText(Subject subject) {
    return subject.kind().label() + ":" + subject.name();
  }

  private static Subject subject(String text) {
    int colon = text.indexOf(':');
    return new Subject(SubjectKind.valueOf(text.substring(0, colon).toUpperCase(java.util.Locale.ROOT)),
        text.substring(colon + 1));
  }
}
