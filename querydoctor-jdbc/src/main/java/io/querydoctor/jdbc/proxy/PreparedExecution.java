package io.querydoctor.jdbc.proxy;

import io.querydoctor.core.sql.Fingerprint;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The state a prepared (or callable) statement carries between executions — its SQL, bound parameters and
 * pending batch size — and the capture calls around each execution. Shared by
 * {@link CapturingPreparedStatement} and {@link CapturingCallableStatement} by composition.
 */
final class PreparedExecution {

  private final String sql;
  private final StatementCapture capture;
  private final BoundParameters parameters;
  private final Fingerprint fingerprint;
  private final int offsetParameter;
  private int batched;

  PreparedExecution(String sql, StatementCapture capture) {
    this.sql = sql;
    this.capture = capture;
    this.fingerprint = fingerprintOf(sql, capture);
    this.offsetParameter = fingerprint == null ? 0 : fingerprint.shape().offsetParameter();
    this.parameters = new BoundParameters(fingerprint == null ? 8 : fingerprint.shape().parameterCount());
  }

  /** Looked up once per prepared statement; null (looked up again at execution) if that failed. */
  private static Fingerprint fingerprintOf(String sql, StatementCapture capture) {
    try {
      return capture.tracker().fingerprint(sql);
    } catch (RuntimeException e) {
      return null;
    }
  }

  BoundParameters parameters() {
    return parameters;
  }

  /** Reads the clock before an execution (and reports a result still open from the previous one). */
  long start() {
    capture.flushPending();
    return capture.now();
  }

  ResultSet query(Statement owner, long start, ResultSet result) {
    return capture.query(owner, sql, fingerprint, parameters.hash(), offsetValue(), start, result);
  }

  void executed(long start, long rows) {
    capture.executed(sql, fingerprint, 1, parameters.hash(), offsetValue(), start, rows);
  }

  void failed(long start) {
    capture.failed(sql, fingerprint, Math.max(1, batched), parameters.hash(), start);
    batched = 0;
  }

  void batchAdded() {
    batched++;
  }

  void batchCleared() {
    batched = 0;
  }

  void batchExecuted(long start, long rows) {
    capture.executed(sql, fingerprint, Math.max(1, batched), 0, -1, start, rows);
    batched = 0;
  }

  void closed() {
    capture.flushPending();
  }

  private long offsetValue() {
    return offsetParameter > 0 ? parameters.integralValue(offsetParameter) : -1;
  }

  static long sum(int[] counts) {
    long total = 0;
    for (int count : counts) {
      total += Math.max(0, count);
    }
    return total;
  }

  static long sum(long[] counts) {
    long total = 0;
    for (long count : counts) {
      total += Math.max(0, count);
    }
    return total;
  }
}
