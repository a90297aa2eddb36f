package io.querydoctor.core.capture;

import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.FingerprintCache;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.StatementKind;

/**
 * Capture's view of one JDBC connection: its id, auto-commit mode and the transaction in progress. The JDBC
 * layer calls it after every statement and on commit, rollback, auto-commit changes and close.
 *
 * <p>A transaction starts with the first statement run while auto-commit is off (as in PostgreSQL, where
 * {@code BEGIN} is implicit) and ends at commit, rollback, {@code setAutoCommit(true)} or close. When no scope
 * is open on the thread at its start, the transaction becomes a scope of its own named {@code transaction}.
 *
 * <p>Like the connection it tracks, it is used by one thread at a time. None of its methods throws.
 */
public final class ConnectionTracker {

  private final CaptureSession session;
  private final long id;
  private final SqlDialect dialect;
  private boolean autoCommit;

  private long txStart = -1;
  private int txStatements;
  private long txDatabaseNanos;
  private int txLocks;
  private long txFirstLock = -1;
  private String txFirstId;
  private String txFirstStatement;
  // When the driver returned the last statement, and the longest gap since then to the next one while row locks
  // were held: the application's own work with locks held, measured apart from the time inside the driver.
  private long txLastEnd;
  private long txLongestLockedGap;
  private Scope txScope;
  // The cell of the thread that ran the last statement: see CaptureSession#currentScope(ConnectionTracker).
  CaptureSession.ThreadScope threadScope;
  // The last statement text fingerprinted on this connection: a loop (an N+1 above all) prepares the same String
  // again and again on the connection it holds, and finds it here without a cache lookup. An immutable entry, so
  // a connection shared by threads can at worst miss.
  private FingerprintCache.Entry last;

  ConnectionTracker(CaptureSession session, long id, SqlDialect dialect, boolean autoCommit) {
    this.session = session;
    this.id = id;
    this.dialect = dialect;
    this.autoCommit = autoCommit;
  }

  public long id() {
    return id;
  }

  public boolean autoCommit() {
    return autoCommit;
  }

  public CaptureSession session() {
    return session;
  }

  /** The cached fingerprint of {@code sql} in this connection's dialect. */
  public Fingerprint fingerprint(String sql) {
    FingerprintCache.Entry entry = last;
    if (entry == null || entry.sql() != sql) {
      entry = session.fingerprintEntry(sql, dialect);
      last = entry;
      session.textSeen(this, sql);
    }
    return entry.fingerprint();
  }

  /**
   * Records a statement that ran on this connection.
   *
   * @param offsetParameterValue the value bound to the OFFSET marker, or -1
   */
  public void statementExecuted(String sql, int batchSize, long parameterHash, long offsetParameterValue,
      long startNanos, long elapsedNanos, long rows, boolean failed) {
    statementExecuted(sql, null, batchSize, parameterHash, offsetParameterValue, startNanos, elapsedNanos, rows,
        failed);
  }

  /**
   * As above, with the statement's fingerprint when the caller already has it (prepared statements).
   *
   * @param offset when {@code known} is given, the statement's OFFSET as the caller resolved it from the
   *     fingerprint's shape (its literal, or the value bound to its marker), or -1; otherwise the value bound to
   *     the OFFSET marker, or -1
   */
  public void statementExecuted(String sql, Fingerprint known, int batchSize, long parameterHash, long offset,
      long startNanos, long elapsedNanos, long rows, boolean failed) {
    statementExecuted(sql, known, batchSize, parameterHash, offset, startNanos, elapsedNanos, -1, rows, failed);
  }

  /**
   * As above, for a query whose result the application has finished reading: {@code consumeNanos} is the time
   * from the driver's return to the last row read or the result's close (-1 when not measured).
   */
  public void statementExecuted(String sql, Fingerprint known, int batchSize, long parameterHash, long offset,
      long startNanos, long elapsedNanos, long consumeNanos, long rows, boolean failed) {
    statementExecuted(sql, known, batchSize, parameterHash, offset, startNanos, elapsedNanos, consumeNanos, rows,
        failed, false, null);
  }

  /**
   * The call site for a query that has just returned from the driver and is recorded later, once its result
   * has been read (see {@link #statementExecuted(String, Fingerprint, int, long, long, long, long, long, long,
   * boolean, boolean, CallSite)}); {@code null} when the call-site mode does not walk the stack for it.
   */
  public CallSite callSiteAtExecute(Fingerprint fingerprint, long elapsedNanos) {
    return fingerprint == null ? null : session.callSiteAtExecute(this, fingerprint, elapsedNanos);
  }

  /**
   * As above; when {@code siteDecided}, {@code site} is the call site taken at execute time with
   * {@link #callSiteAtExecute} (possibly null), and the stack is not walked again.
   */
  public void statementExecuted(String sql, Fingerprint known, int batchSize, long parameterHash, long offset,
      long startNanos, long elapsedNanos, long consumeNanos, long rows, boolean failed, boolean siteDecided,
      CallSite site) {
    try {
      Fingerprint fingerprint = known;
      long resolvedOffset = offset;
      if (fingerprint == null) {
        fingerprint = fingerprint(sql);
        resolvedOffset = fingerprint.shape().offset(offset);
      }
      if (!autoCommit) {
        inTransaction(fingerprint, startNanos, elapsedNanos, failed);
      }
      session.statementExecuted(this, sql, fingerprint, batchSize, parameterHash, resolvedOffset, startNanos,
          elapsedNanos, consumeNanos, rows, failed, siteDecided, site);
    } catch (RuntimeException e) {
      session.failed(e);
    }
  }

  /**
   * A statement ran with auto-commit off: it begins a transaction if none is open, and counts toward it. Kept
   * out of {@link #statementExecuted} so that method stays small enough to be inlined into its callers.
   */
  private void inTransaction(Fingerprint fingerprint, long startNanos, long elapsedNanos, boolean failed) {
    if (txStart < 0) {
      begin(startNanos, fingerprint);
    }
    txStatements++;
    txDatabaseNanos += elapsedNanos;
    if (txFirstLock >= 0 && startNanos - txLastEnd > txLongestLockedGap) {
      txLongestLockedGap = startNanos - txLastEnd;
    }
    txLastEnd = Math.max(txLastEnd, startNanos + elapsedNanos);
    // A plain INSERT's new rows are invisible to other transactions until commit: nobody waits for them.
    if (fingerprint.shape().locksRows() && !failed && fingerprint.shape().kind() != StatementKind.INSERT) {
      txLocks++;
      if (txFirstLock < 0) {
        txFirstLock = startNanos;
      }
    }
  }

  private void begin(long startNanos, Fingerprint first) {
    txStart = startNanos;
    txLastEnd = startNanos;
    txFirstId = first.id();
    txFirstStatement = first.normalized();
    if (session.currentScope() == null) {
      txScope = session.openScope("transaction", ScopeKind.TRANSACTION);
    }
  }

  public void autoCommitChanged(boolean enabled) {
    if (enabled && !autoCommit) {
      end(true);
    }
    autoCommit = enabled;
  }

  public void committed() {
    end(true);
  }

  public void rolledBack() {
    end(false);
  }

  /** The connection closed; an open transaction ends without commit. */
  public void closed() {
    end(false);
  }

  private void end(boolean committed) {
    try {
      if (txStart < 0) {
        return;
      }
      long now = session.options().ticker().read();
      long lockedGap = txFirstLock < 0 ? 0 : Math.max(txLongestLockedGap, now - txLastEnd);
      // Only a transaction that held locks across a long gap is worth a stack walk: it names the line that ends it.
      CallSite site = lockedGap >= session.options().thresholds().longTransactionMillis() * 1_000_000L
          ? session.callSiteNow() : null;
      TransactionRecord record = new TransactionRecord(id, txStart, now, committed, txStatements,
          txDatabaseNanos, txLocks, txFirstLock, txFirstId, txFirstStatement, lockedGap, site);
      Scope scope = txScope;
      reset();
      session.transactionEnded(record);
      if (scope != null) {
        scope.close();
      }
    } catch (RuntimeException e) {
      session.failed(e);
    }
  }

  private void reset() {
    txStart = -1;
    txStatements = 0;
    txDatabaseNanos = 0;
    txLocks = 0;
    txFirstLock = -1;
    txFirstId = null;
    txFirstStatement = null;
    txLastEnd = 0;
    txLongestLockedGap = 0;
    txScope = null;
  }
}
