package io.querydoctor.remedies.cache;

import io.querydoctor.jdbc.proxy.DelegatingCallableStatement;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A stored procedure call is never cached and may write anything: each execution invalidates every entry. */
final class CachingCallableStatement extends DelegatingCallableStatement {

  private final Connection connection;
  private final TransactionWrites writes;

  CachingCallableStatement(CallableStatement delegate, Connection connection, TransactionWrites writes) {
    super(delegate);
    this.connection = connection;
    this.writes = writes;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    ResultSet result = callableDelegate.executeQuery();
    writes.wroteEverything();
    return result;
  }

  @Override
  public int executeUpdate() throws SQLException {
    int rows = callableDelegate.executeUpdate();
    writes.wroteEverything();
    return rows;
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    long rows = callableDelegate.executeLargeUpdate();
    writes.wroteEverything();
    return rows;
  }

  @Override
  public boolean execute() throws SQLException {
    boolean result = callableDelegate.execute();
    writes.wroteEverything();
    return result;
  }

  @Override
  public int[] executeBatch() throws SQLException {
    int[] counts = callableDelegate.executeBatch();
    writes.wroteEverything();
    return counts;
  }

  @Override
  public Connection getConnection() {
    return connection;
  }
}
