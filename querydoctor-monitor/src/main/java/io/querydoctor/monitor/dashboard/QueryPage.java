package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement shape: its time series (calls per minute, mean and estimated p95, rows, temp blocks) with deploy
 * marks, its alerts with their fixes, its current plan as a tree and the plan before it when it changed, and the
 * "explain now" form (generic plan, read-only).
 */
final class QueryPage implements PageSource {

  @Override
  public Page build(PageContext c) throws SQLException {
    long queryid = Long.parseLong(c.request().path().replaceAll("^/(api/)?queries/|/+$", ""));
    StatementHistory history = new StatementHistory(c.store());
    String text = history.texts(c.target(), List.of(queryid)).getOrDefault(queryid, "(text not sampled)");
    List<StatementHistory.Point> points = history.series(c.target(), queryid, c.range());
    List<Page.Section> sections = new ArrayList<>();
    sections.add(Page.Section.text("Statement", Shown.sql(text) + "\n\nquery id " + queryid));
    sections.add(charts(c, points));
    sections.add(alerts(c, queryid));
    sections.add(plans(c, queryid));
    return c.page("query", "Query " + queryid, sections);
  }

  private static Page.Section charts(PageContext c, List<StatementHistory.Point> points) throws SQLException {
    List<String> labels = new ArrayList<>();
    List<Double> calls = new ArrayList<>();
    List<Double> mean = new ArrayList<>();
    List<Double> p95 = new ArrayList<>();
    List<Double> rows = new ArrayList<>();
    List<Double> temp = new ArrayList<>();
    for (StatementHistory.Point p : points) {
      labels.add(Shown.shortTime(p.at()));
      calls.add(p.minutes() > 0 ? p.calls() / p.minutes() : p.calls());
      mean.add(p.calls() == 0 ? 0 : p.totalMs() / p.calls());
      p95.add(p.p95Ms());
      rows.add((double) p.rows());
      temp.add((double) p.tempBlocks());
    }
    List<Page.Mark> marks = marks(c, points);
    List<Page.Chart> charts = List.of(
        new Page.Chart("calls", "calls per minute", labels, List.of(new Page.Series("calls/min", calls)), marks),
        new Page.Chart("latency", "mean and p95 (est.) in ms", labels,
            List.of(new Page.Series("mean", mean), new Page.Series("p95 est.", p95)), marks),
        new Page.Chart("rows", "rows", labels, List.of(new Page.Series("rows", rows)), marks),
        new Page.Chart("temp", "temp blocks written", labels, List.of(new Page.Series("temp blocks", temp)), marks));
    return new Page.Section("Over the last " + c.range().name(), points.isEmpty() ? "no calls in this range" : null,
        List.of(), null, charts, List.of(), List.of());
  }

  /** Deploy marks in the range, placed at the first point at or after them. */
  static List<Page.Mark> marks(PageContext c, List<StatementHistory.Point> points) throws SQLException {
    List<Page.Mark> marks = new ArrayList<>();
    for (Object[] mark : DeploysPage.marks(c)) {
      Instant at = (Instant) mark[1];
      for (int i = 0; i < points.size(); i++) {
        if (!points.get(i).at().isBefore(at)) {
          marks.add(new Page.Mark(i, (String) mark[2]));
          break;
        }
      }
    }
    return marks;
  }

  private static Page.Section alerts(PageContext c, long queryid) throws SQLException {
    List<List<Page.Cell>> rows = c.store().query("""
        SELECT rule, severity, state, summary, detail, started_at FROM qd_monitor.alert
         WHERE target = ? AND (subject = ? OR subject LIKE ?) ORDER BY started_at DESC LIMIT 50""",
        rs -> List.of(Page.Cell.of(rs.getString(1)), Page.Cell.styled(rs.getString(2), severityStyle(rs.getString(2))),
            Page.Cell.of(rs.getString(3)), Page.Cell.of(Shown.prose(rs.getString(4))),
            Page.Cell.code(Shown.prose(rs.getString(5))), Page.Cell.of(Shown.time(DashboardStore.instant(rs,
                "started_at")))),
        c.target(), Long.toString(queryid), "%:" + queryid);
    return Page.Section.table("Findings and alerts on this statement", "What the monitor's rules found (latency"
        + " regression, call-rate regression for an N+1, plan change, slow query), with the fix in the summary.",
        new Page.Table(List.of(col("rule"), col("severity"), col("state"), col("summary and fix"), col("detail"),
            col("since")), rows, null));
  }

  private static Page.Section plans(PageContext c, long queryid) throws SQLException {
    List<Object[]> plans = c.store().query("""
        SELECT shape, previous_shape, first_seen, changed_at FROM qd_monitor.plan_fingerprint
         WHERE target = ? AND queryid = ?""", rs -> new Object[] {rs.getString(1), rs.getString(2),
            DashboardStore.instant(rs, "first_seen"), DashboardStore.instant(rs, "changed_at")},
        c.target(), queryid);
    Page.Form explain = new Page.Form("/queries/" + queryid + "/explain", "explain now (generic plan, read-only)",
        List.of(Page.Field.hidden("db", c.target())));
    if (plans.isEmpty()) {
      return Page.Section.text("Plan", "No plan stored: the heavy checks plan the top statements each heavy interval.")
          .withForms(List.of(explain));
    }
    Object[] p = plans.get(0);
    List<Page.TreeNode> tree = new ArrayList<>(PlanShapeTree.of((String) p[0], "current plan since "
        + Shown.time((Instant) p[2])));
    if (p[1] != null) {
      tree.addAll(PlanShapeTree.of((String) p[1], "plan before the change of " + Shown.time((Instant) p[3])));
    }
    return new Page.Section("Plan", "Plan shapes from the heavy checks (node types, relations and indexes).",
        List.of(), null, List.of(), List.of(explain), tree);
  }

  static Page.Column col(String name) {
    return new Page.Column(name, name, false, false);
  }

  static String severityStyle(String severity) {
    return switch (severity) {
      case "critical", "high" -> "critical";
      case "medium" -> "warning";
      default -> "ok";
    };
  }
}
