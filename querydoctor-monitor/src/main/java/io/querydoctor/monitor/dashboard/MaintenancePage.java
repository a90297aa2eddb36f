package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.util.List;

/**
 * Per table at the latest size sample: last vacuum and analyze, modifications since analyze, dead tuples,
 * transaction-id age and the autovacuum settings that differ from the server's; the database's own xid age.
 */
final class MaintenancePage implements PageSource {

  @Override
  public Page build(PageContext c) throws SQLException {
    List<List<Page.Cell>> rows = c.store().query("""
        SELECT name, last_vacuum, last_analyze, mods_since_analyze, live_tuples, dead_tuples, xid_age, options
          FROM qd_monitor.relation_snapshot WHERE target = ? AND kind = 'table'
           AND at = (SELECT max(at) FROM qd_monitor.relation_snapshot WHERE target = ?)
         ORDER BY dead_tuples DESC, mods_since_analyze DESC""",
        rs -> {
          long live = rs.getLong(5);
          long dead = rs.getLong(6);
          long mods = rs.getLong(4);
          return List.of(Page.Cell.of(rs.getString(1)), Page.Cell.of(Shown.time(DashboardStore.instant(rs,
                  "last_vacuum"))), Page.Cell.of(Shown.time(DashboardStore.instant(rs, "last_analyze"))),
              Page.Cell.styled(Shown.number(mods), mods > 0.1 * Math.max(live, 1) ? "warning" : "num"),
              Page.Cell.styled(Shown.number(dead), dead > 0.2 * Math.max(live, 1) ? "warning" : "num"),
              Page.Cell.styled(Shown.number(rs.getLong(7)), rs.getLong(7) > 200_000_000 ? "warning" : "num"),
              Page.Cell.code(rs.getString(8) == null ? "" : rs.getString(8)));
        }, c.target(), c.target());
    List<Long> xid = c.store().query("SELECT xid_age FROM qd_monitor.database_size WHERE target = ? ORDER BY at DESC"
        + " LIMIT 1", rs -> rs.getLong(1), c.target());
    return c.page("maintenance", "Maintenance", List.of(Page.Section.table("Tables", "Database transaction-id age: "
        + (xid.isEmpty() ? "not sampled yet" : Shown.number(xid.get(0))) + " (wraparound protection at 2 billion)."
        + " Marked: modifications since analyze over 10 % of the rows, dead tuples over 20 %.",
        new Page.Table(List.of(QueryPage.col("table"), QueryPage.col("last vacuum"), QueryPage.col("last analyze"),
            QueryPage.col("modified since analyze"), QueryPage.col("dead tuples"), QueryPage.col("xid age"),
            QueryPage.col("autovacuum settings")), rows, null))));
  }
}
