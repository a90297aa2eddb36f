package io.querydoctor.core.capture;

import io.querydoctor.core.sql.Fingerprint;

/**
 * One executed statement (or batch), as the capture layer saw it. Immutable.
 *
 * @param sql the SQL text as the application sent it (literals included; never written out unredacted
 *     unless the user asks for it)
 * @param fingerprint its fingerprint, with the redacted text and shape
 * @param batchSize statements in the batch, 1 when not batched
 * @param parameterHash a hash of the bound parameter values, 0 when none; equal values give equal hashes
 * @param startNanos {@link Ticker} time when the statement was sent
 * @param elapsedNanos time until the driver returned (execute time only)
 * @param consumeNanos time from the driver's return until the application read the last row or closed the
 *     result (with row counting on, for queries), or -1 when not measured; kept apart from {@code elapsedNanos}
 *     because it is mostly the application's own work per row, not the database's
 * @param rows rows returned or affected, or -1 when unknown
 * @param connectionId the capture layer's id of the connection (not the server's pid)
 * @param autoCommit whether the connection was in auto-commit mode
 * @param failed true when the driver threw
 * @param offset the OFFSET value (from a literal or a bound parameter), or -1
 * @param thread name of the executing thread
 * @param scopeId the innermost open scope's id, 0 when none
 * @param callSite the application frame, or {@code null} when not captured
 */
public record StatementEvent(
    String sql,
    Fingerprint fingerprint,
    int batchSize,
    long parameterHash,
    long startNanos,
    long elapsedNanos,
    long consumeNanos,
    long rows,
    long connectionId,
    boolean autoCommit,
    boolean failed,
    long offset,
    String thread,
    long scopeId,
    CallSite callSite) {

  /** An event whose result consumption was not measured ({@code consumeNanos} -1). */
  public StatementEvent(String sql, Fingerprint fingerprint, int batchSize, long parameterHash, long startNanos,
      long elapsedNanos, long rows, long connectionId, boolean autoCommit, boolean failed, long offset,
      String thread, long scopeId, CallSite callSite) {
    this(sql, fingerprint, batchSize, parameterHash, startNanos, elapsedNanos, -1, rows, connectionId, autoCommit,
        failed, offset, thread, scopeId, callSite);
  }

  public boolean locksRows() {
    return fingerprint.shape().locksRows();
  }

  public boolean writes() {
    return fingerprint.shape().kind().writes();
  }

  /** The same event placed in another scope (used when replaying a capture file). */
  public StatementEvent inScope(long id) {
    return new StatementEvent(sql, fingerprint, batchSize, parameterHash, startNanos, elapsedNanos, consumeNanos, rows,
        connectionId, autoCommit, failed, offset, thread, id, callSite);
  }
}
