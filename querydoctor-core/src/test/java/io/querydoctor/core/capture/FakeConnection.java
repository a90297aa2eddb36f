package io.querydoctor.core.capture;

import io.querydoctor.core.sql.SqlDialect;

/**
 * Drives a {@link ConnectionTracker} the way the JDBC layer does, with time taken from a {@link ManualTicker}:
 * each statement "runs" for the given milliseconds.
 */
public final class FakeConnection {

  private final ManualTicker ticker;
  private final ConnectionTracker tracker;

  public FakeConnection(CaptureSession session, ManualTicker ticker, boolean physical) {
    this.ticker = ticker;
    this.tracker = session.connectionOpened(SqlDialect.POSTGRESQL, physical, true);
  }

  public FakeConnection run(String sql, long parameterHash, double millis, long rows) {
    return execute(sql, 1, parameterHash, -1, millis, rows);
  }

  public FakeConnection run(String sql, double millis) {
    return run(sql, 0, millis, -1);
  }

  public FakeConnection execute(String sql, int batch, long parameterHash, long offsetValue, double millis,
      long rows) {
    long start = ticker.read();
    ticker.advanceMillis(millis);
    tracker.statementExecuted(sql, batch, parameterHash, offsetValue, start, ticker.read() - start, rows, false);
    return this;
  }

  public ConnectionTracker tracker() {
    return tracker;
  }
}
