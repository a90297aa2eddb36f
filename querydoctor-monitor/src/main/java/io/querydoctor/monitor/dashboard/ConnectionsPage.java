package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sessions of the latest activity snapshot: counts by state, user, application and client against
 * {@code max_connections}; idle-in-transaction sessions with their last statement and age; blocking chains as
 * trees (a blocker at the root, the sessions waiting on it below), each with its statement. Cancel and
 * terminate forms appear only when the monitor runs with {@code --allow-cancel}.
 */
final class ConnectionsPage implements PageSource {

  /** One session of the snapshot. */
  record Session(int pid, String user, String application, String client, String state, double xactAge,
      double stateAge, String waitEvent, List<Integer> blockedBy, String query) {}

  @Override
  public Page build(PageContext c) throws SQLException {
    List<Instant> latest = c.store().query("SELECT max(at) FROM qd_monitor.session_snapshot WHERE target = ?",
        rs -> DashboardStore.instant(rs, "max"), c.target());
    if (latest.get(0) == null) {
      return c.page("connections", "Connections & locks", List.of(Page.Section.text(null,
          "No session snapshot yet (taken every interval by the dashboard).")));
    }
    List<Session> sessions = c.store().query("""
        SELECT pid, usename, application_name, client, state, coalesce(xact_age_s, 0), coalesce(state_age_s, 0),
               wait_event, blocked_by, query FROM qd_monitor.session_snapshot WHERE target = ? AND at = ?
         ORDER BY pid""", rs -> new Session(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getDouble(6), rs.getDouble(7), rs.getString(8),
            List.of((Integer[]) rs.getArray(9).getArray()), rs.getString(10)), c.target(), latest.get(0));
    List<Integer> max = c.store().query("""
        SELECT a.max_connections FROM qd_monitor.activity a JOIN qd_monitor.sample x ON x.id = a.sample_id
         WHERE x.target = ? ORDER BY x.interval_end DESC LIMIT 1""", rs -> rs.getInt(1), c.target());
    List<Page.Section> sections = new ArrayList<>();
    sections.add(Page.Section.table("Sessions by state, user, application and client", sessions.size()
        + " client sessions of this database at " + Shown.time(latest.get(0)) + (max.isEmpty() ? ""
            : "; max_connections " + max.get(0) + " (server-wide)"), counts(sessions)));
    sections.add(idle(c, sessions));
    sections.add(blocking(sessions));
    return c.page("connections", "Connections & locks", sections);
  }

  private static Page.Table counts(List<Session> sessions) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (Session s : sessions) {
      counts.merge(String.join("\u0000", nz(s.state()), nz(s.user()), nz(s.application()), nz(s.client())), 1,
          Integer::sum);
    }
    List<List<Page.Cell>> rows = new ArrayList<>();
    counts.forEach((key, n) -> {
      String[] parts = key.split("\u0000", -1);
      rows.add(List.of(Page.Cell.of(parts[0]), Page.Cell.of(parts[1]), Page.Cell.of(parts[2]),
          Page.Cell.of(parts[3]), Page.Cell.styled(Integer.toString(n), "num")));
    });
    return new Page.Table(List.of(QueryPage.col("state"), QueryPage.col("user"), QueryPage.col("application"),
        QueryPage.col("client"), new Page.Column("sessions", "sessions", false, true)), rows, null);
  }

  private static Page.Section idle(PageContext c, List<Session> sessions) {
    List<List<Page.Cell>> rows = new ArrayList<>();
    for (Session s : sessions) {
      if (s.state() != null && s.state().startsWith("idle in transaction")) {
        rows.add(List.of(Page.Cell.of(Integer.toString(s.pid())), Page.Cell.of(nz(s.user())),
            Page.Cell.of(nz(s.application())), Page.Cell.styled(Shown.seconds(s.xactAge()), s.stateAge() >= 30
                ? "warning" : "num"), Page.Cell.styled(Shown.seconds(s.stateAge()), "num"),
            Page.Cell.code(Shown.sql(s.query()))));
      }
    }
    Page.Section section = Page.Section.table("Idle in transaction", "Each holds its locks and snapshot until it "
        + "commits or rolls back; the statement is the last one it ran.", new Page.Table(List.of(
            QueryPage.col("pid"), QueryPage.col("user"), QueryPage.col("application"),
            QueryPage.col("transaction age"), QueryPage.col("idle for"), QueryPage.col("last statement")), rows, null));
    if (c.allowCancel() && !rows.isEmpty()) {
      section = section.withForms(List.of(new Page.Form("/connections/terminate", "terminate session",
          List.of(Page.Field.hidden("db", c.target()), Page.Field.text("pid", "pid")))));
    }
    return section;
  }

  /** Blocking chains: roots are sessions that block others and are not blocked themselves. */
  private static Page.Section blocking(List<Session> sessions) {
    Map<Integer, Session> byPid = new HashMap<>();
    Map<Integer, List<Session>> waiting = new HashMap<>();
    for (Session s : sessions) {
      byPid.put(s.pid(), s);
      for (int blocker : s.blockedBy()) {
        waiting.computeIfAbsent(blocker, k -> new ArrayList<>()).add(s);
      }
    }
    List<Page.TreeNode> roots = new ArrayList<>();
    for (Integer blocker : waiting.keySet()) {
      Session s = byPid.get(blocker);
      if (s == null || s.blockedBy().isEmpty()) {
        roots.add(node(blocker, s, waiting, new HashSet<>()));
      }
    }
    return new Page.Section("Blocking chains", roots.isEmpty() ? "No session is waiting on another's lock."
        : "Each blocker with the sessions waiting on it.", List.of(), null, List.of(), List.of(), roots);
  }

  private static Page.TreeNode node(int pid, Session s, Map<Integer, List<Session>> waiting, Set<Integer> seen) {
    List<Page.TreeNode> children = new ArrayList<>();
    if (seen.add(pid)) {
      for (Session w : waiting.getOrDefault(pid, List.of())) {
        children.add(node(w.pid(), w, waiting, seen));
      }
    }
    String label = "pid " + pid + (s == null ? " (another database or not a client)" : " " + nz(s.user()) + " "
        + nz(s.state()) + " for " + Shown.seconds(s.stateAge()));
    return new Page.TreeNode(label, s == null ? null : Shown.sql(s.query()), children);
  }

  private static String nz(String text) {
    return text == null ? "" : text;
  }
}
