package io.querydoctor.mysql.health.indexes;

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
import io.querydoctor.mysql.health.ServerStatus;
import io.querydoctor.mysql.workload.PerformanceSchemaState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * unused-index: a non-unique secondary index never read since the server started, by performance_schema's
 * per-index I/O counts (the {@code sys.schema_unused_indexes} view reads the same table). The counts start at
 * the server's start: younger than the threshold, the finding is info with the uptime, since a weekly job's
 * index looks unused until its week has come.
 */
public final class UnusedIndexCheck implements MySqlHealthCheck {

  static final String SQL = """
      SELECT u.OBJECT_SCHEMA, u.OBJECT_NAME, u.INDEX_NAME, t.TABLE_ROWS, t.INDEX_LENGTH
      FROM performance_schema.table_io_waits_summary_by_index_usage u
      JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = u.OBJECT_SCHEMA AND t.TABLE_NAME = u.OBJECT_NAME
      WHERE u.OBJECT_SCHEMA = ? AND u.INDEX_NAME IS NOT NULL AND u.INDEX_NAME <> 'PRIMARY' AND u.COUNT_READ = 0
        AND EXISTS (SELECT 1 FROM information_schema.STATISTICS s
                    WHERE s.TABLE_SCHEMA = u.OBJECT_SCHEMA AND s.TABLE_NAME = u.OBJECT_NAME
                      AND s.INDEX_NAME = u.INDEX_NAME AND s.NON_UNIQUE = 1)
      ORDER BY u.OBJECT_NAME, u.INDEX_NAME
      """;

  /** One never-read index; {@code tableIndexBytes} is all the table's secondary indexes (InnoDB gives no split). */
  public record Row(String schema, String table, String index, long tableRows, long tableIndexBytes) {
    static Row map(ResultSet rs) throws SQLException {
      return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5));
    }
  }

  @Override
  public String name() {
    return "unused indexes";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    PerformanceSchemaState state = PerformanceSchemaState.read(target.executor());
    if (!state.indexIoCounted()) {
      results.skip("unused-index", state.indexIoAdvice());
      return;
    }
    Duration uptime = Duration.ofSeconds((long) ServerStatus.read(target.executor(), true, List.of("Uptime"))
        .number("Uptime", 0));
    results.addAll(findings(target.executor().query(SQL, Row::map, target.database()), uptime, thresholds));
  }

  static List<Finding> findings(List<Row> rows, Duration uptime, MySqlThresholds thresholds) {
    boolean oldEnough = uptime.compareTo(thresholds.unusedIndexMinUptime()) >= 0;
    List<Finding> findings = new ArrayList<>();
    for (Row row : rows) {
      String table = Names.qualified(row.schema(), row.table());
      findings.add(Finding.builder("unused-index", oldEnough ? Severity.LOW : Severity.INFO)
          .title("Index " + row.index() + " on " + row.table() + " was never read since the server started")
          .subject(Subject.index(table + "." + row.index()))
          .concerns(Subject.table(table))
          .detail("performance_schema counted no read through " + row.index() + " in " + uptime.toHours() + " h "
              + uptime.toMinutesPart() + " min of uptime" + (oldEnough ? "" : " (less than "
              + thresholds.unusedIndexMinUptime().toDays() + " days: a weekly job may still need it)")
              + "; every write to " + row.table() + " still maintains it.")
          .evidence(Evidence.of("index_reads", 0, "count"))
          .evidence(Evidence.crossed("uptime", uptime.toSeconds(), "s", thresholds.unusedIndexMinUptime().toSeconds()))
          .evidence(Evidence.of("table_rows", row.tableRows(), "rows"))
          .impact(Impact.unknown("write amplification and buffer pool space, no read benefit seen"))
          .fix(Fix.sql("Make it invisible (MySQL 8) or ignored (MariaDB 10.6+) first and watch; drop it when nothing "
              + "slowed down. Check replicas, which keep their own counts.",
              "ALTER TABLE " + Names.sql(row.schema(), row.table()) + " DROP INDEX " + Names.quote(row.index())
                  + ", ALGORITHM=INPLACE, LOCK=NONE;"))
          .build());
    }
    return findings;
  }
}
