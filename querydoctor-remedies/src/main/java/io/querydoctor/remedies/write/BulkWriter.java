package io.querydoctor.remedies.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Inserts many rows the fastest safe way the driver allows: {@code COPY FROM STDIN} when the connection is
 * pgjdbc's (and {@link Builder#allowCopy} is left on), otherwise multi-row {@code INSERT … VALUES (…), (…)}
 * statements, which is what {@code reWriteBatchedInserts} would send but needs no driver flag. On MySQL/MariaDB
 * it is always multi-row INSERTs: measured faster there than {@code LOAD DATA LOCAL} (docs/performance.md), and a
 * bad row is an error, where LOAD DATA LOCAL would skip it with a warning.
 *
 * <pre>{@code
 * BulkWriter items = BulkWriter.builder(dataSource)
 *     .table("order_item").columns("order_id", "product_id", "quantity", "price")
 *     .build();
 * BulkWriter.Result result = items.write(rows);           // rows: Iterable<Object[]>, one value per column
 * }</pre>
 *
 * <p><b>Error contract.</b> Rows are written in chunks of {@link Builder#chunkRows} (10 000 by default), each
 * chunk one transaction committed before the next starts. When a row fails (a constraint, a type), its whole
 * chunk is rolled back, no later chunk is tried, and {@link BulkWriteException} says how many rows were
 * committed (every row before the failing chunk, in input order) and which rows the failing chunk held; its
 * cause is the driver's exception, which names the row's values as the database saw them. Re-running from
 * {@link BulkWriteException#committedRows()} after fixing the data writes each row once.
 *
 * <p>COPY bypasses the JDBC statement layer: a {@code QueryCache} or capture wrapper in front of the data source
 * does not see those rows (call the cache's {@code invalidateAll()} after a bulk load, or set
 * {@code allowCopy(false)}). A {@code BulkWriter} is immutable and thread-safe; each {@link #write} borrows one
 * connection for its duration.
 */
public final class BulkWriter {

  /** How the rows went in. */
  public enum Method { COPY, MULTI_ROW_VALUES }

  /** What {@link #write} did: rows committed, chunks (transactions), and the method used. */
  public record Result(long rows, int chunks, Method method) {}

  /** Rows per multi-row INSERT: the runbooks' and our measurements flatten out past a few hundred. */
  private static final int ROWS_PER_INSERT = 1_000;

  private final DataSource dataSource;
  private final String table;
  private final List<String> columns;
  private final int chunkRows;
  private final boolean allowCopy;

  private BulkWriter(Builder b) {
    this.dataSource = b.dataSource;
    this.table = b.table;
    this.columns = List.copyOf(b.columns);
    this.chunkRows = b.chunkRows;
    this.allowCopy = b.allowCopy;
  }

  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /** Writes every row (one value per column, in the columns' order); see the class comment for failures. */
  public Result write(Iterable<Object[]> rows) throws BulkWriteException, SQLException {
    try (Connection connection = dataSource.getConnection()) {
      WriteDialect dialect = WriteDialect.of(connection);
      Method method = allowCopy && dialect.streamsFastest() && dialect.canStream(connection) ? Method.COPY
          : Method.MULTI_ROW_VALUES;
      WriteTarget target = WriteTarget.of(qualified(dialect), columns, dialect);
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        return writeChunks(connection, target, method, rows.iterator());
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private Result writeChunks(Connection connection, WriteTarget target, Method method, Iterator<Object[]> rows)
      throws BulkWriteException, SQLException {
    long committed = 0;
    int chunks = 0;
    List<Object[]> chunk = new ArrayList<>(Math.min(chunkRows, 10_000));
    while (rows.hasNext()) {
      chunk.clear();
      while (chunk.size() < chunkRows && rows.hasNext()) {
        chunk.add(rows.next());
      }
      try {
        writeChunk(connection, target, method, chunk);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw new BulkWriteException(committed, chunk.size(), e);
      }
      committed += chunk.size();
      chunks++;
    }
    return new Result(committed, chunks, method);
  }

  private static void writeChunk(Connection connection, WriteTarget target, Method method, List<Object[]> chunk)
      throws SQLException {
    if (method == Method.COPY) {
      target.dialect().stream(connection, target.table(), target.columns(), chunk.iterator());
      return;
    }
    int perStatement = target.rowsPerStatement(ROWS_PER_INSERT);
    for (int from = 0; from < chunk.size(); from += perStatement) {
      WriteStrategy.insertChunk(connection, target, chunk.subList(from, Math.min(chunk.size(), from + perStatement)),
          null);
    }
  }

  /** The table quoted part by part ({@code sales.order_item} → {@code "sales"."order_item"}). */
  private String qualified(WriteDialect dialect) {
    List<String> parts = new ArrayList<>();
    for (String part : table.split("\\.")) {
      parts.add(dialect.quote(part));
    }
    return String.join(".", parts);
  }

  /** Construction; {@link #table} and {@link #columns} are required. */
  public static final class Builder {
    private final DataSource dataSource;
    private String table;
    private List<String> columns;
    private int chunkRows = 10_000;
    private boolean allowCopy = true;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /** The table as the catalog spells it, optionally schema-qualified ({@code sales.order_item}). */
    public Builder table(String name) {
      this.table = Objects.requireNonNull(name, "table");
      return this;
    }

    /** The columns each row gives values for, in order, as the catalog spells them. */
    public Builder columns(String... names) {
      this.columns = List.of(names);
      return this;
    }

    /** Rows per transaction (default 10 000): what a failure rolls back at most. */
    public Builder chunkRows(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("chunkRows must be at least 1: " + rows);
      }
      this.chunkRows = rows;
      return this;
    }

    /** Whether COPY may be used when the driver offers it (default true). */
    public Builder allowCopy(boolean allowed) {
      this.allowCopy = allowed;
      return this;
    }

    public BulkWriter build() {
      Objects.requireNonNull(table, "table");
      if (columns == null || columns.isEmpty()) {
        throw new IllegalArgumentException("columns are required");
      }
      return new BulkWriter(this);
    }
  }
}
