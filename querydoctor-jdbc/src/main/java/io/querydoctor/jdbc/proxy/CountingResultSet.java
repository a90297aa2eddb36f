package io.querydoctor.jdbc.proxy;

import io.querydoctor.core.sql.Fingerprint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counts the rows the application reads; reports its statement once, when reading ends (last {@code next()},
 * close, or the statement running again or closing), with the time reading took (see
 * {@link StatementCapture#resultFinished}).
 */
final class CountingResultSet extends DelegatingResultSet {

  private final Statement owner;
  private final StatementCapture capture;
  private final String sql;
  private final Fingerprint fingerprint;
  private final long parameterHash;
  private final long offsetValue;
  private final long start;
  private final long elapsed;
  private long rows;
  private boolean finished;

  CountingResultSet(ResultSet delegate, Statement owner, StatementCapture capture, String sql,
      Fingerprint fingerprint, long parameterHash, long offsetValue, long start, long elapsed) {
    super(delegate);
    this.owner = owner;
    this.capture = capture;
    this.sql = sql;
    this.fingerprint = fingerprint;
    this.parameterHash = parameterHash;
    this.offsetValue = offsetValue;
    this.start = start;
    this.elapsed = elapsed;
  }

  @Override
  public boolean next() throws SQLException {
    boolean more = delegate.next();
    if (more) {
      rows++;
    } else {
      finish();
    }
    return more;
  }

  @Override
  public void close() throws SQLException {
    try {
      delegate.close();
    } finally {
      finish();
    }
  }

  @Override
  public Statement getStatement() throws SQLException {
    return owner;
  }

  void finish() {
    if (!finished) {
      finished = true;
      capture.resultFinished(sql, fingerprint, parameterHash, offsetValue, start, elapsed, rows);
    }
  }

  /**
   * Finishes {@code result} if it is a counting result set still being read; statements call it before they run
   * again or close, since that closes their open result. A no-op for null and for the driver's own results.
   */
  static void finishPending(ResultSet result) {
    if (result instanceof CountingResultSet counting) {
      counting.finish();
    }
  }
}
