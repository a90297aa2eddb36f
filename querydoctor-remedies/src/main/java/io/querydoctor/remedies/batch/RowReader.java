package io.querydoctor.remedies.batch;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one value from the current row of a batch query's result. Called on the thread that dispatches, once
 * per row; it must not move the cursor.
 */
@FunctionalInterface
public interface RowReader<T> {
  T read(ResultSet row) throws SQLException;

  /** Every column of the row by its label, in the select list's order ({@code getObject} values). */
  static RowReader<Map<String, Object>> columns() {
    return row -> {
      ResultSetMetaData meta = row.getMetaData();
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        values.put(meta.getColumnLabel(i), row.getObject(i));
      }
      return values;
    };
  }
}
