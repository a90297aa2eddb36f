package io.querydoctor.monitor.dashboard;

import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.notify.Silences;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The silences set on the Alerts page, as the monitor's notifiers see them: a silence of one alert covers every
 * alert of the same target, rule and subject (a later firing of the same problem too) until it ends.
 * Acknowledgements are display-only and hold nothing back.
 */
final class AlertSilences implements Silences {

  private final DashboardStore store;

  AlertSilences(DashboardStore store) {
    this.store = store;
  }

  @Override
  public Map<Long, Instant> silenced(Collection<Alert> alerts, Instant now) throws SQLException {
    Long[] ids = alerts.stream().map(Alert::id).toArray(Long[]::new);
    Map<Long, Instant> silenced = new HashMap<>();
    store.run(c -> {
      try (var select = c.prepareStatement("""
          SELECT b.id, max(n.until) FROM qd_monitor.alert b
            JOIN qd_monitor.alert a ON a.target = b.target AND a.rule = b.rule AND a.subject = b.subject
            JOIN qd_monitor.alert_note n ON n.alert_id = a.id AND n.action = 'silence' AND n.until > ?
           WHERE b.id = ANY (?) GROUP BY b.id""")) {
        DashboardStore.bind(select, now, c.createArrayOf("int8", ids));
        try (var rs = select.executeQuery()) {
          while (rs.next()) {
            silenced.put(rs.getLong(1), DashboardStore.instant(rs, "max"));
          }
        }
      }
      return null;
    });
    return silenced;
  }
}
