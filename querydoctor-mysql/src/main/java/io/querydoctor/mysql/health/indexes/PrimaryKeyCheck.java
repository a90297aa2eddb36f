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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * missing-primary-key: a base table without a primary key. InnoDB then clusters on a hidden 6-byte row id
 * handed out under one server-wide mutex, and row-based replication applies each changed row with a full scan
 * on the replica, which is how replicas fall hours behind on such tables.
 */
public final class PrimaryKeyCheck implements MySqlHealthCheck {

  static final String SQL = """
      SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.ENGINE, t.TABLE_ROWS,
             (SELECT MIN(s.INDEX_NAME) FROM information_schema.STATISTICS s
              WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = t.TABLE_NAME AND s.NON_UNIQUE = 0) AS unique_index
      FROM information_schema.TABLES t
      WHERE t.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE'
        AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c
                        WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
                          AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')
      ORDER BY t.TABLE_NAME
      """;

  /** A table without a primary key; {@code uniqueIndex} a unique index InnoDB may cluster on instead, or null. */
  public record Row(String schema, String table, String engine, long rows, String uniqueIndex) {
    static Row map(ResultSet rs) throws SQLException {
      return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5));
    }
  }

  @Override
  public String name() {
    return "tables without a primary key";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    for (Row row : target.executor().query(SQL, Row::map, target.database())) {
      results.add(finding(row));
    }
  }

  static Finding finding(Row row) {
    String table = Names.qualified(row.schema(), row.table());
    String clustering = row.uniqueIndex() == null
        ? "InnoDB clusters it on a hidden row id, allocated under one server-wide mutex"
        : "InnoDB clusters it on the unique index " + row.uniqueIndex() + " if its columns are NOT NULL";
    return Finding.builder("missing-primary-key", Severity.LOW)
        .title("Table " + row.table() + " has no primary key")
        .subject(Subject.table(table))
        .detail(clustering + "; with row-based replication every changed row is found by a full scan on the "
            + "replicas, and tools such as pt-online-schema-change and Group Replication refuse the table.")
        .evidence(Evidence.of("estimated_rows", row.rows(), "rows"))
        .impact(Impact.unknown("replication and contention risk, not query time"))
        .fix(Fix.sql("Add a primary key: the columns that identify a row, else a surrogate key. The table is "
            + "rebuilt in place; adding an AUTO_INCREMENT column blocks writes meanwhile (LOCK=SHARED), so on a large "
            + "table use pt-online-schema-change or gh-ost.", "ALTER TABLE " + Names.sql(row.schema(), row.table())
            + " ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, ALGORITHM=INPLACE, LOCK=SHARED;"))
        .build();
  }
}
