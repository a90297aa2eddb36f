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
import java.util.Locale;

/**
 * auto-increment-exhaustion: an AUTO_INCREMENT column has used most of its type's range; at the end every
 * insert fails with a duplicate-key error. Widening an INT to BIGINT copies the table, which takes hours on the
 * tables this happens to, so the warning comes early (75 %, as sequence-exhaustion on PostgreSQL).
 */
public final class AutoIncrementCheck implements MySqlHealthCheck {

  /** MySQL 8 caches TABLES.AUTO_INCREMENT for information_schema_stats_expiry (a day by default); MariaDB does not. */
  static final String SQL = """
      SELECT t.TABLE_SCHEMA, t.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, t.AUTO_INCREMENT
      FROM information_schema.TABLES t
      JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
      WHERE t.TABLE_SCHEMA = ? AND t.AUTO_INCREMENT IS NOT NULL AND c.EXTRA LIKE '%auto_increment%'
      ORDER BY t.TABLE_NAME
      """;

  /** The next value the column will hand out and its declared type. */
  public record Row(String schema, String table, String column, String dataType, String columnType, double next) {
    static Row map(ResultSet rs) throws SQLException {
      return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
          rs.getDouble(6));
    }

    boolean unsigned() {
      return columnType.toLowerCase(Locale.ROOT).contains("unsigned");
    }

    /** The largest value the type holds, or 0 for a type this check does not know. */
    double maximum() {
      int bits = switch (dataType.toLowerCase(Locale.ROOT)) {
        case "tinyint" -> 8;
        case "smallint" -> 16;
        case "mediumint" -> 24;
        case "int", "integer" -> 32;
        case "bigint" -> 64;
        default -> 0;
      };
      return bits == 0 ? 0 : Math.pow(2, unsigned() ? bits : bits - 1) - 1;
    }
  }

  @Override
  public String name() {
    return "AUTO_INCREMENT exhaustion";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    results.addAll(findings(target.executor().query(SQL, Row::map, target.database()), thresholds));
  }

  static List<Finding> findings(List<Row> rows, MySqlThresholds thresholds) {
    List<Finding> findings = new ArrayList<>();
    for (Row row : rows) {
      double max = row.maximum();
      double used = max == 0 ? 0 : (row.next() - 1) / max;
      if (used < thresholds.autoIncrementRatio()) {
        continue;
      }
      Severity severity = used >= 0.95 ? Severity.CRITICAL : used >= 0.85 ? Severity.HIGH : Severity.MEDIUM;
      String wider = row.unsigned() || row.dataType().equalsIgnoreCase("bigint") ? "BIGINT UNSIGNED" : "BIGINT";
      findings.add(Finding.builder("auto-increment-exhaustion", severity)
          .title(row.table() + "." + row.column() + " has used " + Math.round(used * 100) + " % of its "
              + row.columnType() + " range")
          .subject(Subject.columns(Names.qualified(row.schema(), row.table()), row.column()))
          .concerns(Subject.table(Names.qualified(row.schema(), row.table())))
          .detail("The next AUTO_INCREMENT value is " + String.format(Locale.ROOT, "%.0f", row.next()) + " of at most "
              + String.format(Locale.ROOT, "%.0f", max) + "; past it every insert fails with a duplicate-key error.")
          .evidence(Evidence.crossed("range_used", used, "ratio", thresholds.autoIncrementRatio()))
          .impact(Impact.unknown("outage risk: inserts fail when the range is exhausted"))
          .fix(Fix.sql("Widen the column (and every column referencing it) before it runs out. This copies the table "
              + "(ALGORITHM=COPY, writes blocked): on a large table use pt-online-schema-change or gh-ost.",
              "ALTER TABLE " + Names.sql(row.schema(), row.table()) + " MODIFY " + Names.quote(row.column()) + " "
                  + wider + " NOT NULL AUTO_INCREMENT;"))
          .build());
    }
    return findings;
  }
}
