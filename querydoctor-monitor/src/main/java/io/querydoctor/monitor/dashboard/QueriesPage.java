package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Top statement shapes by total time over the range, with calls, mean, estimated p95, share of all time, rows,
 * a sparkline of time per slice of the range and the change of the mean against the window just before;
 * sortable by any numeric column and searchable by text (tables included), all server-side.
 */
final class QueriesPage implements PageSource {

  static final int SHOWN = 100;
  private static final int BUCKETS = 24;

  @Override
  public Page build(PageContext c) throws SQLException {
    StatementHistory history = new StatementHistory(c.store());
    List<StatementHistory.Shape> shapes = history.shapes(c.target(), c.range(), BUCKETS);
    List<StatementHistory.Totals> totals = shapes.stream().map(StatementHistory.Shape::totals).toList();
    Map<Long, double[]> sparks = new java.util.HashMap<>();
    shapes.forEach(s -> sparks.put(s.totals().queryid(), s.spark()));
    double all = totals.stream().mapToDouble(StatementHistory.Totals::totalMs).sum();
    String search = c.parameter("q") == null ? "" : c.parameter("q").trim().toLowerCase(Locale.ROOT);
    // Texts of the top shapes only, or of all when searching (a search must see every shape).
    List<Long> candidates = totals.stream().limit(search.isEmpty() ? SHOWN : 5_000)
        .map(StatementHistory.Totals::queryid).toList();
    Map<Long, String> texts = history.texts(c.target(), candidates);
    List<StatementHistory.Totals> shown = new ArrayList<>();
    for (StatementHistory.Totals t : totals) {
      String text = texts.getOrDefault(t.queryid(), "");
      if (search.isEmpty() || text.toLowerCase(Locale.ROOT).contains(search)
          || Long.toString(t.queryid()).equals(search)) {
        shown.add(t);
      }
    }
    String sort = c.parameter("sort") == null ? "total" : c.parameter("sort");
    shown.sort(order(sort));
    if (shown.size() > SHOWN) {
      shown = new ArrayList<>(shown.subList(0, SHOWN));
    }
    List<Long> ids = shown.stream().map(StatementHistory.Totals::queryid).toList();
    Map<Long, StatementHistory.Totals> before = history.totalsOf(c.target(), c.range().before(), ids);
    List<List<Page.Cell>> rows = new ArrayList<>();
    PageLinks links = c.links();
    for (StatementHistory.Totals t : shown) {
      StatementHistory.Totals b = before.get(t.queryid());
      rows.add(List.of(
          Page.Cell.link(Shown.sql(texts.getOrDefault(t.queryid(), "query id " + t.queryid())),
              "/queries/" + t.queryid() + links.selection()),
          num(Shown.millis(t.totalMs())), num(Shown.number(t.calls())), num(Shown.millis(t.meanMs())),
          num(Shown.millis(t.p95Ms()) + " est."), num(Shown.percent(all == 0 ? 0 : t.totalMs() / all)),
          num(Shown.number(t.rows())),
          Page.Cell.sparkline(Shown.sparkline(sparks.getOrDefault(t.queryid(), new double[BUCKETS]))),
          num(Shown.change(b == null ? 0 : b.meanMs(), t.meanMs()))));
    }
    Page.Table table = new Page.Table(List.of(new Page.Column("query", "query", false, false),
        new Page.Column("total", "total time", true, true), new Page.Column("calls", "calls", true, true),
        new Page.Column("mean", "mean", true, true), new Page.Column("p95", "p95", true, true),
        new Page.Column("share", "share", true, true), new Page.Column("rows", "rows", true, true),
        new Page.Column("trend", "trend", false, false), new Page.Column("change", "mean vs before", false, true)),
        rows, sort);
    return c.page("queries", "Queries", List.of(Page.Section.table(null, totals.size() + " statement shapes over the"
        + " last " + c.range().name() + (search.isEmpty() ? "" : ", " + shown.size() + " matching the search")
        + ". p95 is estimated: the 95th percentile of per-sample means (pg_stat_statements keeps no percentiles)."
        + " The change compares the mean with the " + c.range().name() + " before.", table)));
  }

  private static Page.Cell num(String text) {
    return Page.Cell.styled(text, "num");
  }

  private static Comparator<StatementHistory.Totals> order(String sort) {
    Comparator<StatementHistory.Totals> by = switch (sort) {
      case "calls" -> Comparator.comparingLong(StatementHistory.Totals::calls);
      case "mean" -> Comparator.comparingDouble(StatementHistory.Totals::meanMs);
      case "p95" -> Comparator.comparingDouble(StatementHistory.Totals::p95Ms);
      case "rows" -> Comparator.comparingLong(StatementHistory.Totals::rows);
      default -> Comparator.comparingDouble(StatementHistory.Totals::totalMs);
    };
    return by.reversed();
  }
}
