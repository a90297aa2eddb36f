package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Alerts open or active in the range, newest first, with rule, value, state history, and the dashboard's
 * acknowledgements (shown here only) and silences (which also hold the alert's notifications back until they end).
 */
final class AlertsPage implements PageSource {

  @Override
  public Page build(PageContext c) throws SQLException {
    List<List<Page.Cell>> rows = c.store().query("""
        SELECT a.id, a.rule, a.severity, a.state, a.value, a.summary, a.started_at, a.updated_at,
               (SELECT string_agg(e.state || ' ' || to_char(e.at AT TIME ZONE 'UTC', 'MM-DD HH24:MI'), ', '
                                  ORDER BY e.at) FROM qd_monitor.alert_event e WHERE e.alert_id = a.id),
               (SELECT n.action || coalesce(' until ' || to_char(n.until AT TIME ZONE 'UTC', 'MM-DD HH24:MI'), '')
                       || ': ' || n.reason FROM qd_monitor.alert_note n WHERE n.alert_id = a.id
                   AND (n.until IS NULL OR n.until > ?) ORDER BY n.at DESC LIMIT 1)
          FROM qd_monitor.alert a
         WHERE a.target = ? AND (a.state IN ('pending', 'firing') OR a.updated_at > ?)
         ORDER BY a.state = 'firing' DESC, a.updated_at DESC LIMIT 500""",
        rs -> List.of(Page.Cell.of(Long.toString(rs.getLong(1))), Page.Cell.of(rs.getString(2)),
            Page.Cell.styled(rs.getString(3), QueryPage.severityStyle(rs.getString(3))),
            Page.Cell.styled(rs.getString(4), rs.getString(4).equals("firing") ? "critical" : "ok"),
            Page.Cell.styled(Shown.number(rs.getDouble(5)), "num"), Page.Cell.of(Shown.prose(rs.getString(6))),
            Page.Cell.of(Shown.time(DashboardStore.instant(rs, "started_at"))),
            Page.Cell.of(rs.getString(9) == null ? "" : rs.getString(9)),
            Page.Cell.of(rs.getString(10) == null ? "" : Shown.prose(rs.getString(10)))),
        c.now(), c.target(), c.range().from());
    Page.Section section = Page.Section.table(null, "Firing and pending alerts, and those that changed in the last "
        + c.range().name() + ". Acknowledging is recorded here only; silencing also holds back the notifications "
        + "of the alert's rule and subject until the silence ends (recorded as suppressed in the delivery log).", new Page.Table(List.of(QueryPage.col("id"), QueryPage.col("rule"),
            QueryPage.col("severity"), QueryPage.col("state"), QueryPage.col("value"), QueryPage.col("summary"),
            QueryPage.col("started"), QueryPage.col("history"), QueryPage.col("note")), rows, null))
        .withForms(List.of(new Page.Form("/alerts/acknowledge", "acknowledge", List.of(
            Page.Field.hidden("db", c.target()), Page.Field.text("alert", "alert id"),
            Page.Field.text("reason", "reason"))), new Page.Form("/alerts/silence", "silence", List.of(
            Page.Field.hidden("db", c.target()), Page.Field.text("alert", "alert id"),
            Page.Field.text("for", "for (e.g. 2h)"), Page.Field.text("reason", "reason")))));
    return c.page("alerts", "Alerts", List.of(section));
  }

}
