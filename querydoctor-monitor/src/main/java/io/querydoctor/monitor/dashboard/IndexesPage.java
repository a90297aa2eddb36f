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
        + "reset. Index suggestions with their size and write cost come from querydoctor advise.",
        new Page.Table(List.of(QueryPage.col("index"), QueryPage.col("table"), QueryPage.col("size"),
            QueryPage.col("scans"), QueryPage.col("state"), QueryPage.col("definition")), rows, null)));
    return c.page("indexes", "Indexes", sections);
  }
}
