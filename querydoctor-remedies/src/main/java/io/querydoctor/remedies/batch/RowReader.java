package io.querydoctor.remedies.batch;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one value from the current row of a batch query's result. Called on the thread that dispatches, once
 * per row; it must not move the cursor.
 */
@FunctionalInterface
public interface RowReader<T> {
  T read(ResultSet row) throws SQLException;
}
