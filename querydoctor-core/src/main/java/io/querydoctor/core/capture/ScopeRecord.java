package io.querydoctor.core.capture;

import java.util.List;

/**
 * A closed scope: everything a unit of work did, handed to detectors and listeners when the scope closes.
 * Immutable.
 *
 * @param id unique within a capture session, &gt; 0
 * @param parentId the enclosing scope's id, 0 when none
 * @param name the scope's name, e.g. {@code GET /users}
 * @param kind how the scope was opened
 * @param thread the thread that opened it
 * @param startNanos {@link Ticker} time at open
 * @param endNanos {@link Ticker} time at close
 * @param statements the statements, in order, including those of nested scopes; at most the configured
 *     per-scope limit
 * @param statementCount all statements, including those beyond the limit
 * @param databaseNanos time spent in all statements
 * @param connectionsOpened physical connections opened in this scope (not in nested ones)
 * @param transactions transactions that ended in this scope (not in nested ones), at most the per-scope limit
 * @param droppedTransactions transactions that ended in this scope beyond that limit: counted, not kept
 */
public record ScopeRecord(
    long id,
    long parentId,
    String name,
    ScopeKind kind,
    String thread,
    long startNanos,
    long endNanos,
    List<StatementEvent> statements,
    int statementCount,
    long databaseNanos,
    int connectionsOpened,
    List<TransactionRecord> transactions,
    int droppedTransactions) {

  public ScopeRecord {
    // A scope's own record keeps its statements without a copy: the view is immutable already.
    statements = statements instanceof RecordedStatements ? statements : List.copyOf(statements);
    transactions = List.copyOf(transactions);
  }

  /** A record that dropped no transactions. */
  public ScopeRecord(long id, long parentId, String name, ScopeKind kind, String thread, long startNanos,
      long endNanos, List<StatementEvent> statements, int statementCount, long databaseNanos, int connectionsOpened,
      List<TransactionRecord> transactions) {
    this(id, parentId, name, kind, thread, startNanos, endNanos, statements, statementCount, databaseNanos,
        connectionsOpened, transactions, 0);
  }

  /**
   * The same record without its statements (their counts kept), for a listener that only reads the scope's
   * totals and holds the record a while: the capture file's queue.
   */
  ScopeRecord withoutStatements() {
    return new ScopeRecord(id, parentId, name, kind, thread, startNanos, endNanos, List.of(), statementCount,
        databaseNanos, connectionsOpened, transactions, droppedTransactions);
  }

  public long durationNanos() {
    return endNanos - startNanos;
  }

  /**
   * The statements recorded while this scope was the innermost one, without those of nested scopes: the input
   * of per-statement and per-fingerprint rules, so that each statement is judged in exactly one scope.
   */
  public List<StatementEvent> ownStatements() {
    return statements.stream().filter(event -> event.scopeId() == id).toList();
  }

  /** Statements recorded beyond the per-scope limits (statements or text): counted, not kept nor analysed. */
  public int droppedStatements() {
    return statementCount - statements.size();
  }
}
