package io.querydoctor.remedies.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The writes of one connection's open transaction, held back until it ends: a commit publishes them to the
 * cache, a rollback forgets them. In auto-commit mode every write is published as soon as the driver returns.
 * Confined to the connection's thread, as JDBC connections are.
 *
 * <p>While the transaction has written a table, its reads of that table bypass the cache both ways: they must
 * see their own writes, and rows not yet committed must never be stored.
 */
final class TransactionWrites {

  private final QueryCache cache;
  private final Connection connection;
  private final String namespace;
  private boolean autoCommit;
  private final Set<String> pending = new HashSet<>();
  private boolean pendingEverything;
  // The isolation level, read from the driver when first needed (-1: not yet).
  private int isolation = -1;
  // True while a transaction begun by SQL (BEGIN) on an auto-commit connection is open.
  private boolean sqlTransaction;

  TransactionWrites(QueryCache cache, Connection connection, boolean autoCommit, String namespace) {
    this.cache = cache;
    this.connection = connection;
    this.autoCommit = autoCommit;
    this.namespace = namespace;
  }

  /** The connection's database in the shared tier ({@link QueryCache#namespaceOf}). */
  String namespace() {
    return namespace;
  }

  void wrote(StatementPlan plan) {
    if (autoCommit) {
      cache.committed(namespace, plan.tables() == null ? Set.of() : plan.tables(), plan.writesEverything());
    } else if (plan.writesEverything()) {
      pendingEverything = true;
    } else {
      pending.addAll(plan.tables());
    }
  }

  /** A statement that may write anything (a stored procedure call). */
  void wroteEverything() {
    if (autoCommit) {
      cache.committed(namespace, Set.of(), true);
    } else {
      pendingEverything = true;
    }
  }

  boolean bypasses(StatementPlan plan) {
    if (autoCommit || !pendingEverything && pending.isEmpty()) {
      return false;
    }
    return pendingEverything || plan.tables().stream().anyMatch(pending::contains);
  }

  /**
   * Whether a read may be stored: in auto-commit, or in a READ COMMITTED (or weaker) transaction. A REPEATABLE
   * READ or SERIALIZABLE transaction reads a snapshot taken when it began, possibly older than the versions the
   * entry would be stamped with.
   */
  boolean mayStore() throws SQLException {
    if (autoCommit) {
      return true;
    }
    if (isolation < 0) {
      isolation = connection.getTransactionIsolation();
    }
    return isolation <= Connection.TRANSACTION_READ_COMMITTED;
  }

  void isolationChanged() {
    isolation = -1;
  }

  /**
   * Transaction control sent as SQL rather than through the JDBC methods ({@code BEGIN}, {@code COMMIT},
   * {@code SET TRANSACTION ISOLATION …}): without this, writes after a {@code BEGIN} would be published before
   * their commit, and a reader in between could store the rows they replace.
   */
  void executing(StatementPlan plan) {
    if (plan.write() || plan.cacheable()) {
      return;
    }
    String text = plan.fingerprint().normalized().stripLeading().toUpperCase(java.util.Locale.ROOT);
    if (text.contains("ISOLATION")) {
      isolationChanged();
    }
    if (text.startsWith("BEGIN") || text.startsWith("START TRANSACTION")) {
      sqlTransaction = autoCommit;
      autoCommit = false;
    } else if (sqlTransaction && (text.startsWith("COMMIT") || text.startsWith("END"))) {
      publish();
      autoCommit = true;
      sqlTransaction = false;
    } else if (sqlTransaction && text.startsWith("ROLLBACK") && !text.contains(" TO ")) {
      rolledBack();
      autoCommit = true;
      sqlTransaction = false;
    }
  }

  void committed() {
    publish();
  }

  void rolledBack() {
    pending.clear();
    pendingEverything = false;
  }

  void autoCommitChanged(boolean value) {
    if (value && !autoCommit) {
      // Turning auto-commit on commits the open transaction (JDBC).
      publish();
    }
    autoCommit = value;
  }

  /** A connection closed in a transaction: the driver or pool may commit or roll back; assume a commit. */
  void closed() {
    publish();
  }

  private void publish() {
    if (pendingEverything || !pending.isEmpty()) {
      cache.committed(namespace, Set.copyOf(pending), pendingEverything);
    }
    rolledBack();
  }
}
