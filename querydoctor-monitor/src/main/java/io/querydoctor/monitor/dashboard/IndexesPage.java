package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Index findings of the latest diagnosis (unused, duplicate, redundant, invalid, bloated, missing foreign-key
 * indexes) with their DDL, and every index of the latest snapshot with size, scans and validity.
 */
final class IndexesPage implements PageSource {

  @Override
  public Page build(PageContext c) throws SQLException {
    List<Page.Section> sections = new ArrayList<>();
    sections.add(suggestions(c));
    sections.add(FindingsPage.table(c, FindingsPage.latest(c), f -> f.rule().contains("index"),
        "Index findings", false));
    List<List<Page.Cell>> rows = c.store().query("""
        SELECT name, table_name, bytes, scans, valid, options FROM qd_monitor.relation_snapshot
         WHERE target = ? AND kind = 'index'
           AND at = (SELECT max(at) FROM qd_monitor.relation_snapshot WHERE target = ?)
         ORDER BY scans, bytes DESC""",
        rs -> List.of(Page.Cell.of(rs.getString(1)), Page.Cell.of(rs.getString(2)),
            Page.Cell.styled(Shown.bytes(rs.getLong(3)), "num"),
            Page.Cell.styled(Shown.number(rs.getLong(4)), rs.getLong(4) == 0 ? "warning" : "num"),
            Page.Cell.styled(rs.getBoolean(5) ? "valid" : "INVALID", rs.getBoolean(5) ? "ok" : "critical"),
            Page.Cell.code(Shown.sql(rs.getString(6)))), c.target(), c.target());
    sections.add(Page.Section.table("Indexes", "As of the latest size sample; scans since statistics were last "
        + "reset.",
        new Page.Table(List.of(QueryPage.col("index"), QueryPage.col("table"), QueryPage.col("size"),
            QueryPage.col("scans"), QueryPage.col("state"), QueryPage.col("definition")), rows, null)));
    return c.page("indexes", "Indexes", sections);
  }

  /**
   * The latest index-advisor run ({@link IndexSuggestions}): each chosen index with its DDL, size, write cost
   * (planner cost units per hour of index maintenance) and the workload cost it saves.
   */
  private static Page.Section suggestions(PageContext c) throws SQLException {
    List<String> run = c.store().query("SELECT at, method, statements, note FROM qd_monitor.index_advice_run "
        + "WHERE target = ?", rs -> rs.getString("note") != null ? Shown.prose(rs.getString("note"))
            : "Advised " + Shown.time(DashboardStore.instant(rs, "at")) + " over " + rs.getInt("statements")
            + " top statements of pg_stat_statements, costs by " + rs.getString("method") + ".", c.target());
    List<List<Page.Cell>> rows = c.store().query("""
        SELECT table_name, columns, ddl, bytes, write_cost_per_hour, statements_helped, cost_before, cost_after
          FROM qd_monitor.index_suggestion WHERE target = ? ORDER BY rank""",
        rs -> List.of(Page.Cell.of(rs.getString(1)), Page.Cell.of(rs.getString(2)), Page.Cell.code(rs.getString(3)),
            Page.Cell.styled(Shown.bytes(rs.getLong(4)), "num"),
            Page.Cell.styled(Shown.number(rs.getDouble(5)), "num"),
            Page.Cell.styled(Shown.number(rs.getInt(6)), "num"),
            Page.Cell.styled(gain(rs.getDouble(7), rs.getDouble(8)), "num")), c.target());
    String note = run.isEmpty() ? "The index advisor has not run on this database yet (it runs hourly)." : run.get(0);
    return Page.Section.table("Advisor suggestions", note + " Write cost and gain are in planner cost units per "
        + "hour (calls/h x cost).", new Page.Table(List.of(QueryPage.col("table"), QueryPage.col("columns"),
            QueryPage.col("DDL"), QueryPage.col("size"), QueryPage.col("write cost/h"),
            QueryPage.col("statements helped"), QueryPage.col("gain/h")), rows, null));
  }

  private static String gain(double before, double after) {
    return Shown.number(before - after) + " (" + Shown.percent(before == 0 ? 0 : 1 - after / before) + ")";
  }
}
