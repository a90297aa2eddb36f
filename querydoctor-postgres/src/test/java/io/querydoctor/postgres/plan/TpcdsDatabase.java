package io.querydoctor.postgres.plan;

import io.trino.tpcds.Results;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A TPC-DS database from trino's generator ({@code io.trino.tpcds}, dsdgen's data) for the advisor benchmark:
 * the 24 tables without any index or key, loaded with COPY streamed in chunks (SF 1 has 11.7 M inventory rows).
 * Only in the {@code tpcds} Maven profile.
 */
final class TpcdsDatabase {

  private static final int CHUNK = 4 << 20;

  private TpcdsDatabase() {}

  /** The tables of the benchmark: TPC-DS's base tables, without dsdgen's own version table. */
  static List<Table> tables() {
    return Table.getBaseTables().stream().filter(t -> t != Table.DBGEN_VERSION).toList();
  }

  /** Creates every table (no index of any kind) and loads it at {@code scaleFactor}; no ANALYZE. */
  static void createAndLoad(Connection connection, double scaleFactor) throws SQLException {
    Session session = Session.getDefaultSession().withScale(scaleFactor).withParallelism(1).withChunkNumber(1);
    for (Table table : tables()) {
      try (Statement s = connection.createStatement()) {
        s.execute(createTable(table));
      }
      copy(connection, table, session.withTable(table));
    }
  }

  static String createTable(Table table) {
    List<String> columns = new ArrayList<>();
    for (Column column : table.getColumns()) {
      columns.add(column.getName() + " " + sqlType(column));
    }
    return "CREATE TABLE " + table.getName() + " (" + String.join(", ", columns) + ")";
  }

  private static String sqlType(Column column) {
    var type = column.getType();
    return switch (type.getBase()) {
      case INTEGER -> "integer";
      case IDENTIFIER -> "bigint";
      case DATE -> "date";
      case TIME -> "time";
      case DECIMAL -> "numeric(" + type.getPrecision().orElse(15) + "," + type.getScale().orElse(2) + ")";
      case VARCHAR -> "varchar(" + type.getPrecision().orElse(200) + ")";
      case CHAR -> "char(" + type.getPrecision().orElse(1) + ")";
    };
  }

  private static void copy(Connection connection, Table table, Session session) throws SQLException {
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table.getName() + " FROM STDIN");
    try {
      StringBuilder chunk = new StringBuilder(CHUNK + 4096);
      // Each step yields the table's row first (a sales table's generator also yields the matching return).
      for (List<List<String>> rows : Results.constructResults(table, session)) {
        appendLine(chunk, rows.get(0));
        if (chunk.length() >= CHUNK) {
          write(copy, chunk);
        }
      }
      write(copy, chunk);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /** One line of COPY's text format: tab-separated, {@code \N} for null, backslash, tab and newline escaped. */
  static void appendLine(StringBuilder line, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append('\t');
      }
      String value = values.get(i);
      if (value == null) {
        line.append("\\N");
        continue;
      }
      for (int c = 0; c < value.length(); c++) {
        char ch = value.charAt(c);
        switch (ch) {
          case '\\' -> line.append("\\\\");
          case '\t' -> line.append("\\t");
          case '\n' -> line.append("\\n");
          case '\r' -> line.append("\\r");
          default -> line.append(ch);
        }
      }
    }
    line.append('\n');
  }

  private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    chunk.setLength(0);
  }
}
