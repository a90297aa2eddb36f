package io.querydoctor.postgres.connect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Runs DDL on a database the user declared a sandbox ({@code --sandbox}, or the demo database QueryDoctor
 * created itself): the what-if path that builds candidate indexes for real, {@code --apply}, and the
 * verification that applies a fix and times the application's statements before and after. Nothing else
 * may construct one: on any other database the tool goes through the read-only {@link SafeExecutor} only.
 *
 * <p>What-if work runs in a transaction that is always rolled back, so a built index never outlives the call
 * (PostgreSQL's DDL is transactional). Statement and lock timeouts bound every statement. Its connection may
 * also serve a {@link SafeExecutor}, whose session is read-only by default: this executor opens read-write
 * transactions explicitly and lifts the read-only default only around {@link #apply}. Statements from the
 * application's workload ({@link #executeAndDrain}) go through {@link SingleStatement}, one at a time. Not
 * thread-safe: one executor per connection, used by one thread at a time.
 */
public final class SandboxExecutor {

  private final Connection connection;

  /**
   * Takes a connection to a declared sandbox. The caller vouches that the user named this database a
   * sandbox; the session gets the given timeouts.
   */
  public SandboxExecutor(Connection connection, Duration statementTimeout, Duration lockTimeout) throws SQLException {
    this.connection = connection;
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    try (Statement session = connection.createStatement()) {
      session.execute("SET statement_timeout = " + statementTimeout.toMillis());
      session.execute("SET lock_timeout = " + lockTimeout.toMillis());
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** Work done inside a transaction that will be rolled back. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} (DDL allowed) in a read-write transaction that is always rolled back. */
  public <T> T inRolledBackTransaction(Work<T> work) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement begin = connection.createStatement()) {
      begin.execute("SET TRANSACTION READ WRITE");
      return work.run(connection);
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Runs {@code statements} one by one, each committed on its own ({@code CREATE INDEX CONCURRENTLY} cannot
   * run inside a transaction block): {@code --apply} on a sandbox only.
   */
  public void apply(List<String> statements) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      String readOnlyDefault = readOnlyDefault(statement);
      statement.execute("SET default_transaction_read_only = off");
      try {
        for (String sql : statements) {
          statement.execute(sql);
        }
      } finally {
        statement.execute("SET default_transaction_read_only = " + readOnlyDefault);
      }
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static String readOnlyDefault(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT current_setting('default_transaction_read_only')")) {
      rs.next();
      return "on".equals(rs.getString(1)) ? "on" : "off";
    }
  }

  /** Runs {@code sql} on its own in auto-commit (DDL, ANALYZE, SET): {@link #apply} of one statement. */
  public void execute(String sql) throws SQLException {
    apply(List.of(sql));
  }

  /**
   * Runs {@code sql}, one statement from the application's workload, in the connection's current transaction
   * mode and reads every row of its result, so that a timing includes fetching them.
   *
   * @throws SQLException for text holding more than one statement, before anything is sent
   */
  public void executeAndDrain(String sql) throws SQLException {
    SingleStatement.drain(connection, sql);
  }

  /** The sandbox's connection, for callers that manage its transactions themselves (timing rolled-back writes). */
  public Connection connection() {
    return connection;
  }
}
