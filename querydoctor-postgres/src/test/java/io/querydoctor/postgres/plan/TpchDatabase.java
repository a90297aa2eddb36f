package io.querydoctor.postgres.plan;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** A small TPC-H database (trino's generator) and the 22 query texts, for plan tests. */
final class TpchDatabase {

  private static final Map<String, String> PRIMARY_KEYS = Map.of(
      "region", "r_regionkey", "nation", "n_nationkey", "part", "p_partkey", "supplier", "s_suppkey",
      "partsupp", "ps_partkey, ps_suppkey", "customer", "c_custkey", "orders", "o_orderkey",
      "lineitem", "l_orderkey, l_linenumber");

  private static final int CHUNK = 4 << 20;

  private TpchDatabase() {}

  /** Creates and loads every table at {@code scaleFactor}, with primary keys, then analyzes. */
  static void load(Connection connection, double scaleFactor) throws SQLException, IOException {
    for (TpchTable<?> table : TpchTable.getTables()) {
      create(connection, table);
      copy(connection, table, scaleFactor);
    }
    try (Statement s = connection.createStatement()) {
      s.execute("ANALYZE");
    }
  }

  private static <E extends TpchEntity> void create(Connection connection, TpchTable<E> table) throws SQLException {
    List<String> columns = new ArrayList<>();
    for (TpchColumn<E> column : table.getColumns()) {
      columns.add(column.getColumnName() + " " + sqlType(column));
    }
    String name = table.getTableName();
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE " + name + " (" + String.join(", ", columns) + ", PRIMARY KEY ("
          + PRIMARY_KEYS.get(name) + "))");
    }
  }

  private static String sqlType(TpchColumn<?> column) {
    return switch (column.getType().getBase()) {
      case INTEGER -> "integer";
      case IDENTIFIER -> "bigint";
      case DATE -> "date";
      case DOUBLE -> "numeric(15,2)";
      case VARCHAR -> "varchar(" + column.getType().getPrecision().orElse(200L) + ")";
    };
  }

  /** Loads every table at {@code scaleFactor} into tables that already exist (no ANALYZE). */
  static void copyAll(Connection connection, double scaleFactor) throws SQLException, IOException {
    for (TpchTable<?> table : TpchTable.getTables()) {
      copy(connection, table, scaleFactor);
    }
  }

  /** Streams the rows to COPY in chunks of about 4 MB, so SF 1's 6 M lineitem rows never sit in memory at once. */
  private static <E extends TpchEntity> void copy(Connection connection, TpchTable<E> table, double scaleFactor)
      throws SQLException {
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
        "COPY " + table.getTableName() + " FROM STDIN WITH (DELIMITER '|')");
    try {
      StringBuilder chunk = new StringBuilder(CHUNK + 1024);
      for (E row : table.createGenerator(scaleFactor, 1, 1)) {
        String line = row.toLine();
        chunk.append(line, 0, line.endsWith("|") ? line.length() - 1 : line.length()).append('\n');
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

  private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    chunk.setLength(0);
  }

  /**
   * The SELECT of query {@code number} (1–22), without comments. Query 15 defines a view first: that part is
   * returned by {@link #setup(int)}.
   */
  static String query(int number) throws IOException {
    List<String> statements = statements(number);
    return statements.get(statements.size() - 1);
  }

  /** Statements to run before explaining query {@code number} (the view of query 15); usually none. */
  static List<String> setup(int number) throws IOException {
    List<String> statements = statements(number);
    return statements.subList(0, statements.size() - 1);
  }

  private static List<String> statements(int number) throws IOException {
    String resource = "/io/trino/tpch/queries/q" + number + ".sql";
    try (InputStream in = TpchTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no TPC-H query " + resource);
      }
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.strip().startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      List<String> statements = new ArrayList<>();
      for (String statement : sql.toString().split(";")) {
        if (!statement.isBlank()) {
          statements.add(statement.strip());
        }
      }
      return statements;
    }
  }
}
