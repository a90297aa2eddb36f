package io.querydoctor.mysql.health.server;

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
import io.querydoctor.mysql.health.ServerStatus;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * tmp-tables-on-disk: the share of implicit temporary tables (GROUP BY, DISTINCT, UNION, derived tables) that
 * went to disk since the server started, MySQLTuner's 25 %. They go to disk past {@code tmp_table_size} /
 * {@code max_heap_table_size}, and on MariaDB whenever a TEXT/BLOB column is in them.
 */
public final class TmpTableCheck implements MySqlHealthCheck {

  @Override
  public String name() {
    return "temporary tables";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    ServerStatus status = ServerStatus.read(target.executor(), true,
        List.of("Created_tmp_tables", "Created_tmp_disk_tables"));
    ServerStatus sizes = ServerStatus.read(target.executor(), false, List.of("tmp_table_size", "max_heap_table_size"));
    finding((long) status.number("Created_tmp_tables", 0), (long) status.number("Created_tmp_disk_tables", 0),
        (long) Math.min(sizes.number("tmp_table_size", 0), sizes.number("max_heap_table_size", 0)), thresholds)
        .ifPresent(results::add);
  }

  static Optional<Finding> finding(long tables, long onDisk, long memoryLimit, MySqlThresholds thresholds) {
    double ratio = tables == 0 ? 0 : onDisk / (double) tables;
    if (tables < thresholds.tmpMinTables() || ratio < thresholds.tmpDiskRatio()) {
      return Optional.empty();
    }
    return Optional.of(Finding.builder("tmp-tables-on-disk", Severity.LOW)
        .title(String.format(Locale.ROOT, "%.0f %% of temporary tables went to disk", ratio * 100))
        .subject(Subject.setting("tmp_table_size"))
        .detail(onDisk + " of " + tables + " implicit temporary tables since the server started were written to disk "
            + "(in-memory limit " + memoryLimit / 1048576 + " MiB, the smaller of tmp_table_size and "
            + "max_heap_table_size). Statements with GROUP BY, DISTINCT or UNION on many rows or on TEXT/BLOB columns "
            + "make them; the workload's SUM_CREATED_TMP_DISK_TABLES per digest shows which.")
        .evidence(Evidence.crossed("disk_ratio", ratio, "ratio", thresholds.tmpDiskRatio()))
        .evidence(Evidence.of("tmp_tables", tables, "count"))
        .impact(Impact.unknown(onDisk + " temporary tables written to disk"))
        .fix(Fix.setting("First fix the statements (an index that gives the GROUP BY order, no TEXT/BLOB in the "
            + "grouped or sorted columns); then raise both limits together.",
            "SET GLOBAL tmp_table_size = 67108864;\nSET GLOBAL max_heap_table_size = 67108864;"))
        .build());
  }
}
