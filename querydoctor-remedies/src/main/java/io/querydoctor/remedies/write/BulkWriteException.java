package io.querydoctor.remedies.write;

import java.sql.SQLException;

/**
 * A {@link BulkWriter} chunk failed: rows {@code [committedRows, committedRows + failedChunkRows)} (0-based, in
 * input order) were rolled back, every row before them is committed, none after them was tried. The cause is
 * the driver's exception.
 */
public final class BulkWriteException extends SQLException {

  private static final long serialVersionUID = 1L;

  private final long committedRows;
  private final int failedChunkRows;

  BulkWriteException(long committedRows, int failedChunkRows, Throwable cause) {
    super("bulk write stopped: rows " + committedRows + " to " + (committedRows + failedChunkRows - 1)
        + " were rolled back (" + committedRows + " committed before them): " + cause.getMessage(),
        cause instanceof SQLException s ? s.getSQLState() : null, cause);
    this.committedRows = committedRows;
    this.failedChunkRows = failedChunkRows;
  }

  /** Rows committed, all before the failing chunk: resume from this index. */
  public long committedRows() {
    return committedRows;
  }

  /** Rows in the chunk that was rolled back (the failing row is among them). */
  public int failedChunkRows() {
    return failedChunkRows;
  }
}
