package io.querydoctor.monitor.dashboard;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Database, table and index sizes at the latest size sample, and their growth over the range. */
final class SpacePage implements PageSource {

  @Override
  public Page build(PageContext c) throws SQLException {
    List<Object[]> sizes = c.store().query("SELECT at, bytes FROM qd_monitor.database_size WHERE target = ? AND at > ?"
        + " AND at <= ? ORDER BY at", rs -> new Object[] {DashboardStore.instant(rs, "at"), rs.getLong(2)},
        c.target(), c.range().from(), c.range().to());
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Object[] s : sizes) {
      labels.add(Shown.shortTime((Instant) s[0]));
      values.add(((Long) s[1]) / 1048576.0);
    }
    String note = sizes.isEmpty() ? "no size sample in this range yet (sizes are read every 5 minutes)"
        : "now " + Shown.bytes((Long) sizes.get(sizes.size() - 1)[1]) + ", growth over the range "
            + Shown.bytes((Long) sizes.get(sizes.size() - 1)[1] - (Long) sizes.get(0)[1]);
    Page.Section database = new Page.Section("Database", note, List.of(), null, List.of(new Page.Chart("size",
        "database size (MiB)", labels, List.of(new Page.Series("MiB", values)), List.of())), List.of(), List.of());
    List<List<Page.Cell>> rows = c.store().query("""
        WITH latest AS (SELECT max(at) AS at FROM qd_monitor.relation_snapshot WHERE target = ?),
             first AS (SELECT min(at) AS at FROM qd_monitor.relation_snapshot WHERE target = ? AND at > ?)
        SELECT n.kind, n.name, n.table_name, n.bytes, n.bytes - coalesce(o.bytes, n.bytes)
          FROM qd_monitor.relation_snapshot n
          LEFT JOIN qd_monitor.relation_snapshot o ON o.target = n.target AND o.name = n.name AND o.kind = n.kind
                AND o.at = (SELECT at FROM first)
         WHERE n.target = ? AND n.at = (SELECT at FROM latest)
         ORDER BY n.bytes DESC LIMIT 200""",
        rs -> List.of(Page.Cell.of(rs.getString(1)), Page.Cell.of(rs.getString(2)), Page.Cell.of(rs.getString(3)),
            Page.Cell.styled(Shown.bytes(rs.getLong(4)), "num"), Page.Cell.styled(Shown.bytes(rs.getLong(5)), "num")),
        c.target(), c.target(), c.range().from(), c.target());
    Page.Section relations = Page.Section.table("Tables and indexes", "Tables with their indexes and TOAST; growth "
        + "since the first size sample in the range.", new Page.Table(List.of(QueryPage.col("kind"),
            QueryPage.col("name"), QueryPage.col("table"), QueryPage.col("size"), QueryPage.col("growth")), rows, null));
    return c.page("space", "Space", List.of(database, relations));
  }
}
