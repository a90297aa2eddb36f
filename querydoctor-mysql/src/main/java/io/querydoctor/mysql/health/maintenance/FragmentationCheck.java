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
import java.util.ArrayList;
import java.util.List;

/**
 * table-fragmentation: free space inside a table's own tablespace ({@code DATA_FREE}) after large deletes,
 * which {@code OPTIMIZE TABLE} (an online rebuild on InnoDB) gives back. Only with {@code innodb_file_per_table}:
 * in the shared system tablespace {@code DATA_FREE} is the whole tablespace's and says nothing about a table.
 */
public final class FragmentationCheck implements MySqlHealthCheck {

  static final String SQL = """
      SELECT TABLE_SCHEMA, TABLE_NAME, ENGINE, DATA_LENGTH, INDEX_LENGTH, DATA_FREE
      FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND DATA_FREE > 0
      ORDER BY DATA_FREE DESC
      """;

  /** A table's sizes in bytes. */
  public record Row(String schema, String table, String engine, long dataBytes, long indexBytes, long freeBytes) {
    static Row map(ResultSet rs) throws SQLException {
      return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
          rs.getLong(6));
    }
  }

  @Override
  public String name() {
    return "fragmentation";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    boolean filePerTable = target.executor().queryOne("SELECT @@GLOBAL.innodb_file_per_table", rs -> rs.getInt(1) == 1);
    if (!filePerTable) {
      results.skip("table-fragmentation", "innodb_file_per_table is off: DATA_FREE is the shared tablespace's, "
          + "not a table's");
      return;
    }
    results.addAll(findings(target.executor().query(SQL, Row::map, target.database()), thresholds));
  }

  static List<Finding> findings(List<Row> rows, MySqlThresholds thresholds) {
    List<Finding> findings = new ArrayList<>();
    for (Row row : rows) {
      long used = row.dataBytes() + row.indexBytes();
      double ratio = row.freeBytes() / (double) Math.max(1, used);
      if (row.freeBytes() < thresholds.fragmentationMinBytes() || ratio < thresholds.fragmentationMinRatio()) {
        continue;
      }
      findings.add(Finding.builder("table-fragmentation", Severity.LOW)
          .title("Table " + row.table() + " holds " + mib(row.freeBytes()) + " of free space")
          .subject(Subject.table(Names.qualified(row.schema(), row.table())))
          .detail(row.table() + " uses " + mib(used) + " for data and indexes and keeps " + mib(row.freeBytes())
              + " free inside its tablespace (" + Math.round(ratio * 100) + " %), left by deletes: scans and backups "
              + "read it, and the disk does not get it back until the table is rebuilt.")
          .evidence(Evidence.crossed("free_ratio", ratio, "ratio", thresholds.fragmentationMinRatio()))
          .evidence(Evidence.crossed("free_bytes", row.freeBytes(), "bytes", thresholds.fragmentationMinBytes()))
          .impact(Impact.unknown(mib(row.freeBytes()) + " read by every full scan and backup for nothing"))
          .fix(Fix.sql("Rebuild the table to give the space back (InnoDB rebuilds online, ALTER TABLE … FORCE; it "
              + "needs free disk for a full copy). On a replica first, or with pt-online-schema-change.",
              "OPTIMIZE TABLE " + Names.sql(row.schema(), row.table()) + ";"))
          .build());
    }
    return findings;
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
