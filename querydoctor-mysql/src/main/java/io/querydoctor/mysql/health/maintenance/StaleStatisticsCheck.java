package io.querydoctor.mysql.health.maintenance;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.health.MySqlHealthCheck;
import io.querydoctor.mysql.health.Names;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * stale-statistics: an InnoDB table changed a lot since its persistent statistics were computed
 * ({@code mysql.innodb_table_stats.last_update}). InnoDB's own counter of rows modified since then
 * ({@code MODIFIED_COUNTER}, reset when the statistics are recalculated) is compared with the row count the
 * statistics hold. With {@code innodb_stats_auto_recalc} InnoDB recalculates past 10 % by itself; a table that
 * got further has it turned off ({@code STATS_AUTO_RECALC=0}) or changes faster than the background thread.
 */
public final class StaleStatisticsCheck implements MySqlHealthCheck {

  /** MariaDB keeps the InnoDB dictionary views under their 5.7 names; MySQL 8 renamed them. */
  static final String SQL = """
      SELECT s.database_name, s.table_name, s.last_update, s.n_rows, ts.MODIFIED_COUNTER, t.CREATE_OPTIONS
      FROM mysql.innodb_table_stats s
      JOIN information_schema.%s ts ON ts.NAME = CONCAT(s.database_name, '/', s.table_name)
      JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = s.database_name AND t.TABLE_NAME = s.table_name
      WHERE s.database_name = ?
      ORDER BY s.table_name
      """;

  /** One table's statistics: rows when computed, rows modified since, and whether auto-recalculation is off. */
  public record Row(String schema, String table, Timestamp lastUpdate, long statisticsRows, long modifiedRows,
      boolean autoRecalcOff) {
    static Row map(ResultSet rs) throws SQLException {
      String options = rs.getString(6) == null ? "" : rs.getString(6).toLowerCase(Locale.ROOT);
      return new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3), rs.getLong(4), rs.getLong(5),
          options.contains("stats_auto_recalc=0"));
    }
  }

  @Override
  public String name() {
    return "stale statistics";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    String view = target.server().isMariaDb() ? "INNODB_SYS_TABLESTATS" : "INNODB_TABLESTATS";
    List<Row> rows = target.executor().query(SQL.formatted(view), Row::map, target.database());
    results.addAll(findings(rows, thresholds));
  }

  static List<Finding> findings(List<Row> rows, MySqlThresholds thresholds) {
    List<Finding> findings = new ArrayList<>();
    for (Row row : rows) {
      double ratio = row.modifiedRows() / (double) Math.max(1, row.statisticsRows());
      if (row.modifiedRows() < thresholds.staleStatisticsMinModifiedRows()
          || ratio < thresholds.staleStatisticsModifiedRatio()) {
        continue;
      }
      String table = Names.qualified(row.schema(), row.table());
      String sql = "ANALYZE TABLE " + Names.sql(row.schema(), row.table()) + ";"
          + (row.autoRecalcOff() ? "\nALTER TABLE " + Names.sql(row.schema(), row.table())
              + " STATS_AUTO_RECALC=1;" : "");
      findings.add(Finding.builder("stale-statistics", Severity.MEDIUM)
          .title("Statistics of " + row.table() + " are stale: " + row.modifiedRows() + " rows changed since "
              + row.lastUpdate())
          .subject(Subject.table(table))
          .detail("The optimizer still plans " + row.table() + " as " + row.statisticsRows() + " rows; "
              + row.modifiedRows() + " were modified since its statistics were computed ("
              + Math.round(ratio * 100) + " %)" + (row.autoRecalcOff()
                  ? ", and the table has STATS_AUTO_RECALC=0, so InnoDB will not recalculate them itself."
                  : ", more than InnoDB's own 10 % recalculation trigger."))
          .evidence(Evidence.crossed("modified_ratio", ratio, "ratio", thresholds.staleStatisticsModifiedRatio()))
          .evidence(Evidence.of("modified_rows", row.modifiedRows(), "rows"))
          .evidence(Evidence.of("statistics_rows", row.statisticsRows(), "rows"))
          .impact(Impact.unknown("misestimated row counts lead to bad plans for every query on the table"))
          .fix(Fix.sql("Recompute the statistics (a quick sampled read; no table copy)"
              + (row.autoRecalcOff() ? " and let InnoDB keep them current" : "") + ".", sql))
          .build());
    }
    return findings;
  }
}
