package io.querydoctor.remedies.write;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where rows go: a table (qualified and quoted as the dialect wants it), its columns in the order of each row's
 * values, and for each column whether its values must be bound as {@link Types#OTHER} (PostgreSQL's json, uuid
 * given as text, …) rather than by their Java type.
 *
 * @param table the table, ready to put in SQL
 * @param columns the column names, unquoted
 * @param boundAsOther per column: bind with {@code setObject(i, v, Types.OTHER)}
 * @param dialect the engine's dialect
 */
public record WriteTarget(String table, List<String> columns, List<Boolean> boundAsOther, WriteDialect dialect) {

  public WriteTarget {
    columns = List.copyOf(columns);
    boundAsOther = List.copyOf(boundAsOther);
    if (columns.isEmpty() || columns.size() != boundAsOther.size()) {
      throw new IllegalArgumentException("a write needs columns, each with its binding: " + columns);
    }
  }

  /** Every column bound by its values' Java types. */
  public static WriteTarget of(String table, List<String> columns, WriteDialect dialect) {
    return new WriteTarget(table, columns, Collections.nCopies(columns.size(), false), dialect);
  }

  /** {@code INSERT INTO t (a, b) VALUES (?, ?), (?, ?) …} for {@code rows} rows. */
  public String insertSql(int rows) {
    String one = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    return "INSERT INTO " + table + " (" + columns.stream().map(dialect::quote).collect(Collectors.joining(", "))
        + ") VALUES " + String.join(", ", Collections.nCopies(rows, one));
  }

  /** Rows per multi-row statement: {@code wanted}, or fewer when the columns would pass the parameter limit. */
  public int rowsPerStatement(int wanted) {
    return Math.max(1, Math.min(wanted, dialect.maxParameters() / columns.size()));
  }

  /** Binds {@code row} as the {@code index}-th (0-based) row of {@code statement}'s VALUES lists. */
  void bind(PreparedStatement statement, int index, Object[] row) throws SQLException {
    if (row.length != columns.size()) {
      throw new SQLException("a row has " + row.length + " values for " + columns.size() + " columns " + columns);
    }
    int base = index * row.length;
    for (int i = 0; i < row.length; i++) {
      if (row[i] != null && boundAsOther.get(i)) {
        statement.setObject(base + i + 1, row[i].toString(), Types.OTHER);
      } else {
        statement.setObject(base + i + 1, row[i]);
      }
    }
  }
}
