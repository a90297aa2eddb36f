package io.querydoctor.jdbc.proxy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A PreparedStatement that records each execution: clock, delegate, clock, notify. The application's own
 * exceptions are rethrown unchanged after the failure is recorded; results are returned as the driver made
 * them (wrapped only to count rows).
 */
public final class CapturingPreparedStatement extends DelegatingPreparedStatement {

  private final Connection connection;
  private final PreparedExecution execution;

  CapturingPreparedStatement(PreparedStatement delegate, Connection connection, PreparedExecution execution) {
    super(delegate);
    this.connection = connection;
    this.execution = execution;
  }

  @Override
  protected void bind(int index, long bits) {
    execution.parameters().bind(index, bits);
  }

  @Override
  protected void bindObject(int index, Object value) {
    execution.parameters().bindObject(index, value);
  }

  @Override
  protected void bindNull(int index) {
    execution.parameters().bindNull(index);
  }

  @Override
  public void clearParameters() throws SQLException {
    preparedDelegate.clearParameters();
    execution.parameters().clear();
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return execution.executeQuery(this, preparedDelegate);
  }

  @Override
  public int executeUpdate() throws SQLException {
    return execution.executeUpdate(preparedDelegate);
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return execution.executeLargeUpdate(preparedDelegate);
  }

  @Override
  public boolean execute() throws SQLException {
    return execution.execute(preparedDelegate);
  }

  @Override
  public void addBatch() throws SQLException {
    preparedDelegate.addBatch();
    execution.batchAdded();
  }

  @Override
  public void clearBatch() throws SQLException {
    preparedDelegate.clearBatch();
    execution.batchCleared();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return execution.executeBatch(preparedDelegate);
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return execution.executeLargeBatch(preparedDelegate);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    try {
      preparedDelegate.close();
    } finally {
      execution.closed();
    }
  }
}
