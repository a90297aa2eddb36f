package io.querydoctor.mysql.health.indexes;

import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.mysql.MySqlTarget;
import io.querydoctor.mysql.MySqlThresholds;
import io.querydoctor.mysql.health.MySqlHealthCheck;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** The indexes of the target schema with their ordered columns, for duplicate-index and redundant-index. */
public final class IndexDefinitionCheck implements MySqlHealthCheck {

  /** Functional key parts (MySQL 8) have no column name: they compare as the marker and never match a column. */
  static final String SQL = """
      SELECT s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME, s.NON_UNIQUE, s.INDEX_TYPE, t.ENGINE,
             GROUP_CONCAT(CONCAT(COALESCE(s.COLUMN_NAME, '(expression)'),
                                 IFNULL(CONCAT('(', s.SUB_PART, ')'), ''))
                          ORDER BY s.SEQ_IN_INDEX SEPARATOR '\\t') AS index_columns
      FROM information_schema.STATISTICS s
      JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = s.TABLE_SCHEMA AND t.TABLE_NAME = s.TABLE_NAME
      WHERE s.TABLE_SCHEMA = ?
      GROUP BY s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME, s.NON_UNIQUE, s.INDEX_TYPE, t.ENGINE
      ORDER BY s.TABLE_NAME, s.INDEX_NAME
      """;

  /**
   * One index.
   *
   * @param columns the declared key parts in order, a prefix length as {@code name(10)}
   * @param method {@code BTREE}, {@code HASH}, {@code FULLTEXT}, {@code SPATIAL}
   */
  public record Row(String schema, String table, String index, boolean unique, String method, String engine,
      List<String> columns) {

    static Row map(ResultSet rs) throws SQLException {
      return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 0, rs.getString(5),
          rs.getString(6), Arrays.asList(rs.getString(7).split("\t")));
    }

    public boolean primary() {
      return "PRIMARY".equals(index);
    }

    public boolean innoDb() {
      return "InnoDB".equalsIgnoreCase(engine);
    }
  }

  @Override
  public String name() {
    return "duplicate and redundant indexes";
  }

  @Override
  public void run(MySqlTarget target, MySqlThresholds thresholds, DiagnosisResults results) throws SQLException {
    List<Row> rows = target.executor().query(SQL, Row::map, target.database());
    results.addAll(new IndexOverlapRule().evaluate(rows));
  }
}
