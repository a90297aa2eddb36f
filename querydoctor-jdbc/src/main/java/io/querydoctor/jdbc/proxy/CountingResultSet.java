package io.querydoctor.jdbc.proxy;

import io.querydoctor.core.capture.CallSite;
import io.querydoctor.core.sql.Fingerprint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counts the rows the application reads; reports its statement once, when reading ends (last {@code next()},
 * close, or the statement running again or closing), with the time reading took and the call site taken when
 * the query ran (see
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
  private final CallSite site;
  private long rows;
  // The keys the query bound (see StatementCapture#query), negated once the result is finished: one int for
  // both keeps this object, made for every query, at the size it had before it carried the keys.
  private int keys;

  CountingResultSet(ResultSet delegate, Statement owner, StatementCapture capture, String sql,
      Fingerprint fingerprint, int keys, long parameterHash, long offsetValue, long start, long elapsed,
      CallSite site) {
    super(delegate);
    this.owner = owner;
    this.capture = capture;
    this.sql = sql;
    this.fingerprint = fingerprint;
    this.parameterHash = parameterHash;
    this.offsetValue = offsetValue;
    this.start = start;
    this.elapsed = elapsed;
    this.keys = Math.max(1, keys);
    this.site = site;
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
    if (keys > 0) {
      keys = -keys;
      capture.resultFinished(sql, fingerprint, -keys, parameterHash, offsetValue, start, elapsed, rows, site);
    }
  }

  /**
   * What a statement remembers of the result it returned: the counting result, to finish when the statement
   * runs again or closes (which closes the result), or null for the driver's own, which need not outlive its use.
   */
  static CountingResultSet pendingOf(ResultSet result) {
    return result instanceof CountingResultSet counting ? counting : null;
  }

  /** Finishes {@code pending} (null: nothing to do). */
  static void finish(CountingResultSet pending) {
    if (pending != null) {
      pending.finish();
    }
  }
}
