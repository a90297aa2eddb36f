package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each deploy mark in the range with the before/after comparison of the top shapes: calls per minute and mean in
 * the hour before the mark against the hour after it (or until now), the {@code --symptom after-deploy} view over
 * history (the latest {@link #COMPARED} in the range; earlier ones link to their own); and a form to add a mark ({@code POST /deploys}, as {@code querydoctor deploy-mark}).
 */
final class DeploysPage implements PageSource {

  static final Duration WINDOW = Duration.ofHours(1);
  private static final int TOP = 10;
  /** Marks compared on one page; earlier ones are listed, each linking to its own comparison. */
  static final int COMPARED = 5;

  /** The marks for the page's target (or all targets) in its range: id, time, label. */
  static List<Object[]> marks(PageContext c) throws SQLException {
    return c.store().query("SELECT id, at, label FROM qd_monitor.deploy_mark WHERE (target IS NULL OR target = ?)"
        + " AND at > ? AND at <= ? ORDER BY at DESC LIMIT 20", rs -> new Object[] {rs.getLong(1),
            DashboardStore.instant(rs, "at"), rs.getString(3)}, c.target(), c.range().from(), c.range().to());
  }

  @Override
  public Page build(PageContext c) throws SQLException {
    List<Page.Section> sections = new ArrayList<>();
    StatementHistory history = new StatementHistory(c.store());
    List<Object[]> marks = marks(c);
    String chosen = c.parameter("mark");
    if (chosen != null) {
      marks = c.store().query("SELECT id, at, label FROM qd_monitor.deploy_mark WHERE id = ? AND (target IS NULL OR "
          + "target = ?)", rs -> new Object[] {rs.getLong(1), DashboardStore.instant(rs, "at"), rs.getString(3)},
          parseId(chosen), c.target());
    }
    List<List<Page.Cell>> earlier = new ArrayList<>();
    for (Object[] mark : marks.subList(Math.min(COMPARED, marks.size()), marks.size())) {
      earlier.add(List.of(Page.Cell.link((String) mark[2], "/deploys" + c.links().selection() + "&mark=" + mark[0]),
          Page.Cell.of(Shown.time((Instant) mark[1]))));
    }
    for (Object[] mark : marks.subList(0, Math.min(COMPARED, marks.size()))) {
      Instant at = (Instant) mark[1];
      Instant end = at.plus(WINDOW).isAfter(c.now()) ? c.now() : at.plus(WINDOW);
      TimeRange before = new TimeRange("1h", at.minus(WINDOW), at);
      TimeRange after = new TimeRange("1h", at, end);
      List<StatementHistory.Totals> now = history.top(c.target(), after, TOP);
      List<Long> ids = now.stream().limit(TOP).map(StatementHistory.Totals::queryid).toList();
      Map<Long, StatementHistory.Totals> old = history.totalsOf(c.target(), before, ids);
      Map<Long, String> texts = history.texts(c.target(), ids);
      List<List<Page.Cell>> rows = new ArrayList<>();
      for (StatementHistory.Totals t : now.subList(0, Math.min(TOP, now.size()))) {
        StatementHistory.Totals b = old.get(t.queryid());
        double beforeRate = b == null ? 0 : b.calls() / before.minutes();
        double afterRate = t.calls() / Math.max(after.minutes(), 1e-9);
        rows.add(List.of(Page.Cell.link(Shown.sql(texts.getOrDefault(t.queryid(), "query id " + t.queryid())),
                "/queries/" + t.queryid() + c.links().selection()),
            Page.Cell.styled(Shown.number(beforeRate), "num"), Page.Cell.styled(Shown.number(afterRate), "num"),
            Page.Cell.styled(Shown.change(beforeRate, afterRate), "num"),
            Page.Cell.styled(b == null ? "–" : Shown.millis(b.meanMs()), "num"),
            Page.Cell.styled(Shown.millis(t.meanMs()), "num"),
            Page.Cell.styled(Shown.change(b == null ? 0 : b.meanMs(), t.meanMs()), "num")));
      }
      sections.add(Page.Section.table("Deploy " + mark[2] + " at " + Shown.time(at), "Top shapes after the mark: "
          + "the hour before against the " + Shown.seconds(Duration.between(at, end).toSeconds()) + " after.",
          new Page.Table(List.of(QueryPage.col("query"), num("calls/min before"), num("calls/min after"),
              num("change"), num("mean before"), num("mean after"), num("mean change")), rows, null)));
    }
    if (sections.isEmpty()) {
      sections.add(Page.Section.text(null, "No deploy mark in the last " + c.range().name() + "."));
    }
    if (!earlier.isEmpty()) {
      sections.add(Page.Section.table("Earlier marks", "Each links to its own comparison.", new Page.Table(List.of(
          QueryPage.col("label"), QueryPage.col("at")), earlier, null)));
    }
    sections.add(Page.Section.text("Add a deploy mark", "Also: querydoctor deploy-mark LABEL, or POST /api/deploys.")
        .withForms(List.of(new Page.Form("/deploys", "add mark", List.of(Page.Field.hidden("db", c.target()),
            Page.Field.text("label", "label"))))));
    return c.page("deploys", "Deploys", sections);
  }

  private static long parseId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Page.Column num(String label) {
    return new Page.Column(label, label, false, true);
  }
}
