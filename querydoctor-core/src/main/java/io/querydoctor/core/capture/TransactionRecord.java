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
 * @param lockingStatements statements that took row locks (writes, {@code FOR UPDATE/SHARE})
 * @param firstLockNanos when the first row lock was taken, or -1 when none was
 * @param firstFingerprintId fingerprint id of its first statement (names the transaction in findings)
 * @param firstStatement redacted text of its first statement
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
    String firstStatement) {

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
