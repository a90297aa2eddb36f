package io.querydoctor.remedies.write;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * PostgreSQL through pgjdbc: {@code reWriteBatchedInserts=true} turns a batch of single-row INSERTs into
 * multi-row ones; {@code COPY … FROM STDIN} through pgjdbc's {@code CopyManager} streams rows in text format.
 */
final class PostgresWriteDialect implements WriteDialect {

  static final PostgresWriteDialect INSTANCE = new PostgresWriteDialect();

  /** pgjdbc sends the parameter count as a 16-bit unsigned number; stay under the signed limit older servers had. */
  private static final int MAX_PARAMETERS = 32_767;
  /** Rows per chunk of COPY text handed to the driver: big enough to fill its buffer, small in memory. */
  private static final int COPY_ROWS_PER_CHUNK = 1_000;

  private PostgresWriteDialect() {}

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String batchRewriteParameter() {
    return "reWriteBatchedInserts=true";
  }

  @Override
  public int maxParameters() {
    return MAX_PARAMETERS;
  }

  @Override
  public String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public boolean canStream(Connection connection) {
    try {
      return connection.isWrapperFor(PGConnection.class);
    } catch (SQLException | LinkageError e) {
      return false;
    }
  }

  @Override
  public long stream(Connection connection, String table, List<String> columns, Iterator<Object[]> rows)
      throws SQLException {
    String sql = "COPY " + table + " (" + columns.stream().map(this::quote).collect(Collectors.joining(", "))
        + ") FROM STDIN";
    try {
      return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new RowReader(rows));
    } catch (IOException e) {
      throw new SQLException("COPY into " + table + " failed while sending rows: " + e.getMessage(), e);
    }
  }

  @Override
  public String createScratchTable(String table, String scratch) {
    // No INCLUDING DEFAULTS or IDENTITY: a serial's default would draw from the original table's sequence.
    return "CREATE TABLE " + scratch + " (LIKE " + table
        + " INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING GENERATED INCLUDING STORAGE)";
  }

  /** The rows as COPY text, produced a chunk at a time as the driver reads. */
  private static final class RowReader extends Reader {
    private final Iterator<Object[]> rows;
    private final StringBuilder chunk = new StringBuilder();
    private int position;

    RowReader(Iterator<Object[]> rows) {
      this.rows = rows;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (position == chunk.length()) {
        chunk.setLength(0);
        position = 0;
        for (int i = 0; i < COPY_ROWS_PER_CHUNK && rows.hasNext(); i++) {
          CopyText.appendRow(chunk, rows.next());
        }
        if (chunk.length() == 0) {
          return -1;
        }
      }
      int n = Math.min(length, chunk.length() - position);
      chunk.getChars(position, position + n, buffer, offset);
      position += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
