package io.querydoctor.postgres.health.database;

import io.querydoctor.postgres.health.CatalogQuery;
import io.querydoctor.postgres.health.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Every non-cycling sequence that has been used, with the column it feeds (serial or identity) and that
 * column's type: a {@code bigint} sequence feeding an {@code integer} column runs out at 2^31 − 1.
 */
public final class SequenceCheck {

  private SequenceCheck() {}

  /**
   * @param sequence the sequence
   * @param dataType the sequence's type
   * @param lastValue its last value
   * @param minValue its minimum
   * @param maxValue its maximum
   * @param increment its increment (negative for descending sequences)
   * @param table the owning table, {@code null} when it is not owned by a column
   * @param column the owning column, {@code null} when not owned
   * @param columnType the owning column's type, {@code null} when not owned
   */
  public record Row(QualifiedName sequence, String dataType, long lastValue, long minValue, long maxValue,
      long increment, QualifiedName table, String column, String columnType) {

    /** The largest value the sequence can deliver into its column. */
    public long effectiveMax() {
      return Math.min(maxValue, typeMax(columnType));
    }

    /** The smallest value the column accepts from a descending sequence. */
    public long effectiveMin() {
      return Math.max(minValue, -typeMax(columnType) - 1);
    }

    /** Share of the range consumed, in the direction the sequence moves. */
    public double usedRatio() {
      double range = (double) effectiveMax() - effectiveMin();
      if (range <= 0) {
        return 1;
      }
      return increment > 0 ? (lastValue - (double) effectiveMin()) / range
          : (effectiveMax() - (double) lastValue) / range;
    }

    private static long typeMax(String type) {
      if (type == null) {
        return Long.MAX_VALUE;
      }
      return switch (type) {
        case "smallint" -> Short.MAX_VALUE;
        case "integer" -> Integer.MAX_VALUE;
        default -> Long.MAX_VALUE;
      };
    }
  }

  static final String SQL = """
      SELECT s.schemaname AS schema, s.sequencename AS sequence_name, s.data_type::text AS data_type,
             s.last_value, s.min_value, s.max_value, s.increment_by,
             tn.nspname AS table_schema, t.relname AS table_name, a.attname AS column_name,
             format_type(a.atttypid, NULL) AS column_type
        FROM pg_sequences s
        JOIN pg_namespace n ON n.nspname = s.schemaname
        JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename AND c.relkind = 'S'
        LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        LEFT JOIN pg_class t ON t.oid = d.refobjid
        LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
       WHERE s.last_value IS NOT NULL AND NOT s.cycle
       ORDER BY s.schemaname, s.sequencename
      """;

  static Row map(ResultSet rs) throws SQLException {
    String tableName = rs.getString("table_name");
    return new Row(new QualifiedName(rs.getString("schema"), rs.getString("sequence_name")),
        rs.getString("data_type"), rs.getLong("last_value"), rs.getLong("min_value"), rs.getLong("max_value"),
        rs.getLong("increment_by"),
        tableName == null ? null : new QualifiedName(rs.getString("table_schema"), tableName),
        rs.getString("column_name"), rs.getString("column_type"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, SequenceCheck::map);
}
