package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One status line per check, PgHero-style: each reads the store (latest activity, deltas over the range, open
 * alerts, the latest heavy-check findings, the latest relation snapshot), is green / warning / critical with the
 * number behind it, and links to the page with the detail.
 */
final class OverviewPage implements PageSource {

  @Override
  public Page build(PageContext c) throws SQLException {
    PageLinks links = c.links();
    List<Page.Status> lines = new ArrayList<>();
    String t = c.target();
    DashboardStore s = c.store();

    long firing = count(s, "SELECT count(*) FROM qd_monitor.alert WHERE target = ? AND state = 'firing'", t);
    lines.add(status(firing > 0 ? "critical" : "ok", "Firing alerts", Long.toString(firing), links.page("alerts")));

    List<Object[]> findings = s.query("""
        SELECT severity, count(*) FROM qd_monitor.finding f WHERE target = ?
           AND last_seen = (SELECT max(last_seen) FROM qd_monitor.finding WHERE target = f.target)
           AND NOT EXISTS (SELECT 1 FROM qd_monitor.finding_suppression x WHERE x.target = f.target AND x.key = f.key)
         GROUP BY severity""", rs -> new Object[] {rs.getString(1), rs.getLong(2)}, t);
    long serious = findings.stream().filter(r -> List.of("high", "critical").contains(r[0]))
        .mapToLong(r -> (Long) r[1]).sum();
    long all = findings.stream().mapToLong(r -> (Long) r[1]).sum();
    lines.add(status(serious > 0 ? "critical" : all > 0 ? "warning" : "ok", "Findings (latest diagnosis)",
        all + " (" + serious + " high or critical)", links.page("findings")));

    Sources sources = Sources.of(s, t, c.range());
    long slow = count(s, "WITH r (queryid, t, calls, ms, rows, temp, p95, m) AS (" + sources.sql() + ") SELECT count(*)"
        + " FROM (SELECT queryid FROM r GROUP BY queryid HAVING sum(ms) / greatest(sum(calls), 1) >= 500) x",
        sources.parameters());
    lines.add(status(slow > 0 ? "warning" : "ok", "Slow queries (mean ≥ 500 ms)", Long.toString(slow),
        links.page("queries")));

    List<double[]> activity = s.query("""
        SELECT a.connections, a.max_connections, a.idle_in_transaction, a.longest_idle_in_transaction_s,
               a.longest_query_s, a.blocked, a.longest_lock_wait_s, coalesce(a.replication_lag_s, -1)
          FROM qd_monitor.activity a JOIN qd_monitor.sample x ON x.id = a.sample_id
         WHERE x.target = ? ORDER BY x.interval_end DESC LIMIT 1""",
        rs -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
            rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)}, t);
    if (!activity.isEmpty()) {
      double[] a = activity.get(0);
      double used = a[0] / Math.max(1, a[1]);
      lines.add(status(used >= 0.8 ? "critical" : used >= 0.6 ? "warning" : "ok", "Connections",
          Shown.number(a[0]) + " of " + Shown.number(a[1]) + " (" + Shown.percent(used) + ")", links.page("connections")));
      lines.add(status(a[4] >= 60 ? "warning" : "ok", "Long-running queries", "longest " + Shown.seconds(a[4]),
          links.page("connections")));
      lines.add(status(a[3] >= 30 ? "warning" : "ok", "Idle in transaction",
          Shown.number(a[2]) + " sessions, longest " + Shown.seconds(a[3]), links.page("connections")));
      lines.add(status(a[5] > 0 && a[6] >= 5 ? "critical" : a[5] > 0 ? "warning" : "ok", "Blocked queries",
          Shown.number(a[5]) + " blocked, longest wait " + Shown.seconds(a[6]), links.page("connections")));
      lines.add(status(a[7] >= 5 ? "critical" : "ok", "Replication lag",
          a[7] < 0 ? "no replication" : Shown.seconds(a[7]), null));
    }

    double[] d = databaseTotals(s, t, c.range());
    double hit = d[0] + d[1] == 0 ? Double.NaN : d[0] / (d[0] + d[1]);
    lines.add(status(!Double.isNaN(hit) && hit < 0.99 ? "warning" : "ok", "Cache hit rate", Shown.percent(hit), null));
    double rollback = d[2] + d[3] == 0 ? Double.NaN : d[3] / (d[2] + d[3]);
    lines.add(status(!Double.isNaN(rollback) && rollback >= 0.05 ? "warning" : "ok", "Rollback ratio",
        Shown.percent(rollback), null));
    double idx = d[4] + d[5] == 0 ? Double.NaN : d[4] / (d[4] + d[5]);
    lines.add(status(!Double.isNaN(idx) && idx < 0.95 ? "warning" : "ok", "Index hit rate (index scans of all scans)",
        Shown.percent(idx), links.page("indexes")));

    List<Long> xid = s.query("SELECT xid_age FROM qd_monitor.database_size WHERE target = ? ORDER BY at DESC LIMIT 1",
        rs -> rs.getLong(1), t);
    long age = xid.isEmpty() ? 0 : xid.get(0);
    lines.add(status(age >= 1_000_000_000 ? "critical" : age >= 200_000_000 ? "warning" : "ok",
        "Transaction ID wraparound", xid.isEmpty() ? "not sampled yet" : "age " + Shown.number(age),
        links.page("maintenance")));

    lines.add(ruleStatus(s, t, "Vacuum overdue", "vacuum%", links.page("maintenance")));
    lines.add(ruleStatus(s, t, "Sequences near their limit", "sequence%", links.page("findings")));
    lines.add(ruleStatus(s, t, "Invalid, duplicate or unused indexes", "%index%", links.page("indexes")));
    lines.add(ruleStatus(s, t, "Stale statistics", "stale-statistics", links.page("maintenance")));
    lines.add(ruleStatus(s, t, "Bloat", "%bloat%", links.page("space")));

    Page.Section status = new Page.Section("Status", "Over the last " + c.range().name()
        + "; connections and sessions as of the latest sample.", lines, null, List.of(), List.of(), List.of());
    List<FindingsPage.Stored> top = FindingsPage.latest(c);
    Page.Section findingsSection = FindingsPage.table(c, top.subList(0, Math.min(5, top.size())), f -> true,
        "Top findings", false);
    return c.page("overview", "Overview", List.of(status, findingsSection));
  }

  /**
   * Blocks hit and read, commits, application rollbacks, index and sequential scans over the range: whole hours
   * from {@code database_rollup_hour} (ranges of more than six hours), the rest from the samples.
   */
  private static double[] databaseTotals(DashboardStore s, String target, TimeRange range) throws SQLException {
    java.time.Instant rawFrom = range.from();
    java.time.Instant hoursFrom = range.from().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    java.time.Instant hoursTo = hoursFrom;
    if (range.hourly()) {
      java.time.Instant rolled = s.rolled(target).hour();
      java.time.Instant hour = range.to().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
      hoursTo = rolled.isBefore(hour) ? rolled : hour;
      if (hoursTo.isBefore(hoursFrom)) {
        hoursTo = hoursFrom;
      }
      rawFrom = hoursTo;
    }
    return s.query("""
        SELECT coalesce(sum(hit), 0), coalesce(sum(read), 0), coalesce(sum(commits), 0), coalesce(sum(rollbacks), 0),
               coalesce(sum(idx), 0), coalesce(sum(seq), 0) FROM (
          SELECT blks_hit AS hit, blks_read AS read, commits, app_rollbacks AS rollbacks, idx_scan AS idx,
                 seq_scan AS seq
            FROM qd_monitor.database_rollup_hour WHERE target = ? AND hour >= ? AND hour < ?
          UNION ALL
          SELECT d.blks_hit, d.blks_read, d.xact_commit, d.xact_rollback - d.own_rollbacks,
                 (SELECT sum(t.idx_scan) FROM qd_monitor.table_delta t WHERE t.sample_id = x.id),
                 (SELECT sum(t.seq_scan) FROM qd_monitor.table_delta t WHERE t.sample_id = x.id)
            FROM qd_monitor.sample x LEFT JOIN qd_monitor.database_delta d ON d.sample_id = x.id
           WHERE x.target = ? AND x.interval_end >= ? AND x.interval_end <= ?) totals""",
        rs -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
            rs.getDouble(6)}, target, hoursFrom, hoursTo, target, rawFrom, range.to()).get(0);
  }

  private static Page.Status ruleStatus(DashboardStore s, String target, String label, String rulePattern,
      String href) throws SQLException {
    long n = count(s, """
        SELECT count(*) FROM qd_monitor.finding f WHERE target = ? AND rule_id LIKE ?
           AND last_seen = (SELECT max(last_seen) FROM qd_monitor.finding WHERE target = f.target)
           AND NOT EXISTS (SELECT 1 FROM qd_monitor.finding_suppression x WHERE x.target = f.target AND x.key = f.key)""",
        target, rulePattern);
    return status(n > 0 ? "warning" : "ok", label, n + " finding" + (n == 1 ? "" : "s"), href);
  }

  private static long count(DashboardStore s, String sql, Object... parameters) throws SQLException {
    return s.query(sql, rs -> rs.getLong(1), parameters).get(0);
  }

  private static Page.Status status(String level, String label, String value, String href) {
    return new Page.Status(level, label, value, href);
  }

  /** The statement sources of {@link StatementHistory} with their parameters as an array. */
  record Sources(String sql, Object[] parameters) {
    static Sources of(DashboardStore store, String target, TimeRange range) {
      StatementHistory.Sources s = StatementHistory.sources(target, range, store.rolled(target));
      return new Sources(s.sql(), s.with());
    }
  }
}
