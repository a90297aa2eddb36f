package io.querydoctor.postgres.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A database the user declared a sandbox ({@code --sandbox}, or the demo's own): the only place QueryDoctor
 * builds indexes, runs ANALYZE and executes the application's statements to time them. Everything else goes
 * through the read-only {@code SafeExecutor}. Each statement still has a timeout, so that a trial of a fix can't
 * hang a diagnosis. Not thread-safe; owns the connection.
 */
public final class Sandbox implements AutoCloseable {

  /** Long enough for an index build on a demo-sized table, short enough to give up on a runaway query. */
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(60);

  private final Connection connection;

  private Sandbox(Connection connection, Duration statementTimeout) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(true);
    execute("SET statement_timeout = " + statementTimeout.toMillis());
    execute("SET lock_timeout = 5000");
  }

  /** Opens a sandbox on {@code connection}, which the caller has established is a sandbox. */
  public static Sandbox declared(Connection connection) throws SQLException {
    return new Sandbox(connection, DEFAULT_STATEMENT_TIMEOUT);
  }

  /** Runs {@code sql} in auto-commit (DDL, ANALYZE, SET). */
  public void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Runs {@code sql} and reads every row of every result, so that the time includes fetching them. */
  void executeAndDrain(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      boolean isResult = statement.execute(sql);
      while (true) {
        if (isResult) {
          try (ResultSet rs = statement.getResultSet()) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
        } else if (statement.getUpdateCount() == -1) {
          return;
        }
        isResult = statement.getMoreResults();
      }
    }
  }

  Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
