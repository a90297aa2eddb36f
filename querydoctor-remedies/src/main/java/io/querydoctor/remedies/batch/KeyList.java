package io.querydoctor.remedies.batch;

import io.querydoctor.core.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * How a batch's keys reach the database. PostgreSQL: one array bound to {@code = ANY(?)}, so every batch is the
 * same statement. Others: {@code IN (?, …)} with the list padded to the next power of two by repeating the last
 * key, so a loader makes at most log2(batch size) statement texts instead of one per batch length (statement
 * caches and fingerprints stay few).
 */
final class KeyList {

  static final String PLACEHOLDER = "IN (:keys)";

  private KeyList() {}

  static String sql(String template, SqlDialect dialect, int keys) {
    String list = dialect == SqlDialect.POSTGRESQL ? "= ANY(?)" : "IN (" + markers(padded(keys)) + ")";
    return template.replace(PLACEHOLDER, list);
  }

  static void bind(PreparedStatement statement, Connection connection, SqlDialect dialect, List<?> keys,
      String arrayType) throws SQLException {
    if (dialect == SqlDialect.POSTGRESQL) {
      String type = arrayType != null ? arrayType : arrayTypeOf(keys.get(0));
      statement.setArray(1, connection.createArrayOf(type, keys.toArray()));
      return;
    }
    int size = padded(keys.size());
    for (int i = 0; i < size; i++) {
      statement.setObject(i + 1, keys.get(Math.min(i, keys.size() - 1)));
    }
  }

  static int padded(int keys) {
    return keys <= 1 ? 1 : Integer.highestOneBit(keys - 1) << 1;
  }

  private static String markers(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  /** The PostgreSQL element type of an array of such keys. */
  static String arrayTypeOf(Object key) {
    if (key instanceof Long) {
      return "bigint";
    } else if (key instanceof Integer || key instanceof Short) {
      return "int4";
    } else if (key instanceof UUID) {
      return "uuid";
    } else if (key instanceof String) {
      return "text";
    }
    throw new IllegalArgumentException("no array type known for keys of " + key.getClass().getName()
        .toLowerCase(Locale.ROOT) + ": set BatchLoader.Builder.arrayType");
  }
}
