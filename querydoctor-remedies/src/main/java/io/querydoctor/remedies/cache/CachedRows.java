package io.querydoctor.remedies.cache;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's result read into memory: its columns and rows, each value as {@code getObject} returned it and, when
 * that is not a string, also as {@code getString} returned it (drivers format booleans, timestamps and numbers in
 * their own way, and a cached read must give the application the same text).
 *
 * @param columns the result's columns, in order
 * @param values one array per row, {@code getObject} of each column
 * @param texts one array per row, {@code getString} of each column whose value is not a {@code String} (else null)
 * @param complete false when reading stopped at the row limit: the rest is still in the driver's result
 */
record CachedRows(List<Column> columns, List<Object[]> values, List<String[]> texts, boolean complete) {

  /** One column's metadata as the driver described it. */
  record Column(String label, String name, int type, String typeName, String className, String table) {}

  /** Reads at most {@code maxRows} rows of {@code result}, which stays open after a partial read. */
  static CachedRows read(ResultSet result, int maxRows) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    int count = meta.getColumnCount();
    List<Column> columns = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      columns.add(new Column(meta.getColumnLabel(i), meta.getColumnName(i), meta.getColumnType(i),
          meta.getColumnTypeName(i), meta.getColumnClassName(i), tableOf(meta, i)));
    }
    List<Object[]> values = new ArrayList<>();
    List<String[]> texts = new ArrayList<>();
    while (values.size() < maxRows) {
      if (!result.next()) {
        return new CachedRows(List.copyOf(columns), values, texts, true);
      }
      Object[] row = new Object[count];
      String[] text = new String[count];
      for (int i = 0; i < count; i++) {
        row[i] = result.getObject(i + 1);
        text[i] = row[i] == null || row[i] instanceof String ? null : textOf(result, i + 1);
      }
      values.add(row);
      texts.add(text);
    }
    return new CachedRows(List.copyOf(columns), values, texts, false);
  }

  /** The driver's text of a value it gave as an object; null (then {@code toString}) if it has none. */
  private static String textOf(ResultSet result, int column) {
    try {
      return result.getString(column);
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  /** Some drivers do not know a column's table; that is no reason to fail the application's query. */
  private static String tableOf(ResultSetMetaData meta, int column) {
    try {
      return meta.getTableName(column);
    } catch (SQLException | RuntimeException e) {
      return "";
    }
  }

  /** Whether every value is one a disconnected copy can hold (no LOB, array or other driver handle). */
  boolean detachable() {
    for (Object[] row : values) {
      for (Object value : row) {
        if (value instanceof java.sql.Array || value instanceof java.sql.Blob || value instanceof java.sql.Clob
            || value instanceof java.sql.SQLXML || value instanceof java.sql.Ref || value instanceof ResultSet
            || value instanceof java.sql.Struct) {
          return false;
        }
      }
    }
    return true;
  }

  /** A rough size in bytes, for the cache's weight bound: object headers, references, characters. */
  int weightBytes() {
    long bytes = 64 + 64L * columns.size();
    for (int r = 0; r < values.size(); r++) {
      bytes += 48 + 8L * columns.size() * 2;
      for (Object value : values.get(r)) {
        bytes += value instanceof String s ? 40 + 2L * s.length() : value instanceof byte[] b ? 16 + b.length : 24;
      }
      for (String text : texts.get(r)) {
        bytes += text == null ? 0 : 40 + 2L * text.length();
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  int rowCount() {
    return values.size();
  }
}
