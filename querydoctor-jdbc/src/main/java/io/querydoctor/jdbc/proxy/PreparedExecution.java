package io.querydoctor.jdbc.proxy;

import io.querydoctor.core.capture.ConnectionTracker;
import io.querydoctor.core.capture.Ticker;
import io.querydoctor.core.sql.Fingerprint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The state a prepared (or callable) statement carries between executions — its SQL, bound parameters and
 * pending batch size — and the capture calls around each execution. Shared by
 * {@link CapturingPreparedStatement} and {@link CapturingCallableStatement} by composition.
 *
 * <p>It is its own {@link StatementCapture} (a subclass rather than a field) so that a prepared statement costs
 * one capture object fewer: applications behind a pool without a statement cache prepare once per execution.
 */
final class PreparedExecution extends StatementCapture {

  private final String sql;
  private final BoundParameters parameters;
  private final Fingerprint fingerprint;
  private final int offsetParameter;
  private int batched;

  PreparedExecution(String sql, ConnectionTracker tracker, Ticker ticker, boolean countRows,
      boolean consumeTime) {
    super(tracker, ticker, countRows, consumeTime);
    this.sql = sql;
    this.fingerprint = fingerprintOf(sql, tracker);
    this.offsetParameter = fingerprint == null ? 0 : fingerprint.shape().offsetParameter();
    this.parameters = new BoundParameters(fingerprint == null ? 8 : fingerprint.shape().parameterCount());
  }

  /** Looked up once per prepared statement; null (looked up again at execution) if that failed. */
  private static Fingerprint fingerprintOf(String sql, ConnectionTracker tracker) {
    try {
      return tracker.fingerprint(sql);
    } catch (RuntimeException e) {
      return null;
    }
  }

  BoundParameters parameters() {
    return parameters;
  }

  /** Reads the clock before an execution (and reports a result still open from the previous one). */
  private long start() {
    flushPending();
    return now();
  }

  // The executions: clock, delegate, clock, notify. The application's exception is recorded and rethrown
  // unchanged. Plain methods rather than one taking a lambda, so the hot path allocates nothing.

  ResultSet executeQuery(Statement owner, PreparedStatement delegate) throws SQLException {
    long start = start();
    ResultSet result;
    try {
      result = delegate.executeQuery();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    return query(owner, start, result);
  }

  int executeUpdate(PreparedStatement delegate) throws SQLException {
    long start = start();
    int rows;
    try {
      rows = delegate.executeUpdate();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    executed(start, rows);
    return rows;
  }

  long executeLargeUpdate(PreparedStatement delegate) throws SQLException {
    long start = start();
    long rows;
    try {
      rows = delegate.executeLargeUpdate();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    executed(start, rows);
    return rows;
  }

  boolean execute(PreparedStatement delegate) throws SQLException {
    long start = start();
    boolean hasResult;
    try {
      hasResult = delegate.execute();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    executed(start, -1);
    return hasResult;
  }

  int[] executeBatch(PreparedStatement delegate) throws SQLException {
    long start = start();
    int[] counts;
    try {
      counts = delegate.executeBatch();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    batchExecuted(start, sum(counts));
    return counts;
  }

  long[] executeLargeBatch(PreparedStatement delegate) throws SQLException {
    long start = start();
    long[] counts;
    try {
      counts = delegate.executeLargeBatch();
    } catch (SQLException | RuntimeException e) {
      failed(start);
      throw e;
    }
    batchExecuted(start, sum(counts));
    return counts;
  }

  private ResultSet query(Statement owner, long start, ResultSet result) {
    return query(owner, sql, fingerprint, parameters.hash(), offsetValue(), start, result);
  }

  private void executed(long start, long rows) {
    executed(sql, fingerprint, 1, parameters.hash(), offsetValue(), start, rows);
  }

  private void failed(long start) {
    failed(sql, fingerprint, Math.max(1, batched), parameters.hash(), start);
    batched = 0;
  }

  void batchAdded() {
    batched++;
  }

  void batchCleared() {
    batched = 0;
  }

  private void batchExecuted(long start, long rows) {
    executed(sql, fingerprint, Math.max(1, batched), 0, -1, start, rows);
    batched = 0;
  }

  void closed() {
    flushPending();
  }

  private long offsetValue() {
    return offsetParameter > 0 ? parameters.integralValue(offsetParameter) : -1;
  }

  private static long sum(int[] counts) {
    long total = 0;
    for (int count : counts) {
      total += Math.max(0, count);
    }
    return total;
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long count : counts) {
      total += Math.max(0, count);
    }
    return total;
  }
}
