package io.querydoctor.jdbc.proxy;

import io.querydoctor.core.capture.CallSite;
import io.querydoctor.core.capture.ConnectionTracker;
import io.querydoctor.core.capture.Ticker;
import io.querydoctor.core.sql.Fingerprint;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The capture logic every wrapped statement of one connection shares: turn a timed execution into a capture
 * event, or, when rows are counted, hand back a {@link CountingResultSet} that reports the event once the rows
 * are read (at the last {@code next()}, at close, or when its statement runs again or closes).
 *
 * <p>One per connection and immutable, so a statement costs no capture object of its own: applications behind a
 * pool without a statement cache prepare a statement for every execution.
 *
 * <p>Fail-open: nothing here throws; every call into capture is guarded by {@link ConnectionTracker}, and a
 * failure while wrapping a result returns the driver's own result unchanged.
 */
final class StatementCapture {

  private final ConnectionTracker tracker;
  private final Ticker ticker;
  // The system clock is read directly rather than through the ticker object: after a statement on a real
  // database the ticker has often left the cache, and its class check is then a load the clock read waits on.
  private final boolean systemClock;
  private final boolean countRows;
  private final boolean consumeTime;

  StatementCapture(ConnectionTracker tracker, Ticker ticker, boolean countRows, boolean consumeTime) {
    this.tracker = tracker;
    this.ticker = ticker;
    this.systemClock = ticker == Ticker.system();
    this.countRows = countRows;
    this.consumeTime = consumeTime;
  }

  long now() {
    return systemClock ? System.nanoTime() : ticker.read();
  }

  ConnectionTracker tracker() {
    return tracker;
  }

  /**
   * A query by {@code owner} returned {@code result}; returns what the application gets: the same rows, counted
   * by a {@link CountingResultSet} when row counting is on (the owner then finishes it if it is still being
   * read when the statement runs again or closes).
   */
  ResultSet query(Statement owner, String sql, Fingerprint fingerprint, long parameterHash, long offsetValue,
      long start, ResultSet result) {
    return query(owner, sql, fingerprint, 1, parameterHash, offsetValue, start, result);
  }

  /**
   * As above, for a query that binds a list of {@code keys} values (an array for {@code = ANY(?)}): one
   * statement doing the work of that many, recorded as its batch size.
   */
  ResultSet query(Statement owner, String sql, Fingerprint fingerprint, int keys, long parameterHash,
      long offsetValue, long start, ResultSet result) {
    long elapsed = now() - start;
    if (!countRows || result == null) {
      tracker.statementExecuted(sql, fingerprint, keys, parameterHash, offsetValue, start, elapsed, -1, false);
      return result;
    }
    try {
      // The call site is taken now, while the stack still shows the line that ran the query: the event is
      // recorded when the rows have been read, often in another method (a row mapper).
      Fingerprint known = fingerprint != null ? fingerprint : tracker.fingerprint(sql);
      return new CountingResultSet(result, owner, this, sql, known, keys, parameterHash, offsetValue, start,
          elapsed, tracker.callSiteAtExecute(known, elapsed));
    } catch (RuntimeException e) {
      tracker.statementExecuted(sql, fingerprint, keys, parameterHash, offsetValue, start, elapsed, -1, false);
      return result;
    }
  }

  /** An update or other statement finished with {@code rows} affected (-1 when unknown). */
  void executed(String sql, Fingerprint fingerprint, int batchSize, long parameterHash, long offsetValue,
      long start, long rows) {
    tracker.statementExecuted(sql, fingerprint, batchSize, parameterHash, offsetValue, start, now() - start,
        rows, false);
  }

  /** The driver threw; the statement is recorded as failed and the application gets the driver's exception. */
  void failed(String sql, Fingerprint fingerprint, int batchSize, long parameterHash, long offset, long start) {
    tracker.statementExecuted(sql, fingerprint, batchSize, parameterHash, offset, start, now() - start, -1,
        true);
  }

  /**
   * Called once by a counting result set when its rows are read or it closes: the time since the driver returned
   * ({@code start + elapsed}) is the time the application took to consume the result, when asked for.
   */
  void resultFinished(String sql, Fingerprint fingerprint, int keys, long parameterHash, long offsetValue,
      long start, long elapsed, long rows, CallSite site) {
    long consumed = consumeTime ? Math.max(0, now() - start - elapsed) : -1;
    tracker.statementExecuted(sql, fingerprint, keys, parameterHash, offsetValue, start, elapsed, consumed, rows,
        false, true, site);
  }
}
