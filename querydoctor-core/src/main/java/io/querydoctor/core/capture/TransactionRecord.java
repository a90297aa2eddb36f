package io.querydoctor.core.capture;

/**
 * One finished transaction on one connection: from its first statement with auto-commit off to commit,
 * rollback, a switch back to auto-commit, or the connection's close.
 *
 * @param connectionId the capture layer's connection id
 * @param startNanos when its first statement started
 * @param endNanos when it ended
 * @param committed true for commit (or auto-commit switched on), false for rollback or close
 * @param statements statements it ran
 * @param databaseNanos time spent inside those statements
 * @param lockingStatements statements that took row locks on existing rows ({@code FOR UPDATE/SHARE},
 *     {@code UPDATE}, {@code DELETE}, {@code MERGE}; not a plain {@code INSERT}, whose new rows nobody else waits
 *     for)
 * @param firstLockNanos when the first row lock was taken, or -1 when none was
 * @param firstFingerprintId fingerprint id of its first statement (names the transaction in findings)
 * @param firstStatement redacted text of its first statement
 * @param longestLockedGapNanos the longest time, while it held row locks, between the driver returning one
 *     statement and the next statement (or the end) starting: the application's own work with the locks held,
 *     apart from the time inside the driver; -1 when not measured (older capture files)
 * @param callSite where the application ended it, taken only when it held locks across a long gap; or null
 */
public record TransactionRecord(
    long connectionId,
    long startNanos,
    long endNanos,
    boolean committed,
    int statements,
    long databaseNanos,
    int lockingStatements,
    long firstLockNanos,
    String firstFingerprintId,
    String firstStatement,
    long longestLockedGapNanos,
    CallSite callSite) {

  /** A transaction whose locked gaps were not measured. */
  public TransactionRecord(long connectionId, long startNanos, long endNanos, boolean committed, int statements,
      long databaseNanos, int lockingStatements, long firstLockNanos, String firstFingerprintId,
      String firstStatement) {
    this(connectionId, startNanos, endNanos, committed, statements, databaseNanos, lockingStatements,
        firstLockNanos, firstFingerprintId, firstStatement, -1, null);
  }

  public long openNanos() {
    return endNanos - startNanos;
  }

  /** Time the transaction was open while the application did no database work in it. */
  public long idleNanos() {
    return Math.max(0, openNanos() - databaseNanos);
  }

  /** How long row locks were held (from the first lock to the end), 0 when none were taken. */
  public long lockHeldNanos() {
    return firstLockNanos < 0 ? 0 : endNanos - firstLockNanos;
  }
}
