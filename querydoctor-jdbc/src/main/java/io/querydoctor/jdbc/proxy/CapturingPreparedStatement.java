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

  CapturingPreparedStatement(PreparedStatement delegate, Connection connection, String sql, StatementCapture capture) {
    super(delegate);
    this.connection = connection;
    this.execution = new PreparedExecution(sql, capture);
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
    long start = execution.start();
    ResultSet result;
    try {
      result = preparedDelegate.executeQuery();
    } catch (SQLException | RuntimeException e) {
      execution.failed(start);
      throw e;
    }
    return execution.query(this, start, result);
  }

  @Override
  public int executeUpdate() throws SQLException {
    long start = execution.start();
    int rows;
    try {
      rows = preparedDelegate.executeUpdate();
    } catch (SQLException | RuntimeException e) {
      execution.failed(start);
      throw e;
    }
    execution.executed(start, rows);
    return rows;
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    long start = execution.start();
    long rows;
    try {
      rows = preparedDelegate.executeLargeUpdate();
    } catch (SQLException | RuntimeException e) {
      execution.failed(start);
      throw e;
    }
    execution.executed(start, rows);
    return rows;
  }

  @Override
  public boolean execute() throws SQLException {
    long start = execution.start();
    boolean hasResult;
    try {
      hasResult = preparedDelegate.execute();
    } catch (SQLException | RuntimeException e) {
      execution.failed(start);
      throw e;
    }
    execution.executed(start, -1);
    return hasResult;
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
    long start = execution.start();
    int[] counts;
    try {
      counts = preparedDelegate.executeBatch();
    } catch (SQLException | RuntimeException e) {
      execution.failed(start);
      throw e;
    }
    execution.batchExecuted(start, PreparedExecution.sum(counts));
    return counts;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    long start = execution.start();
    long[] counts;
    try {
      counts = preparedDelegate.executeLargeBatch();
    } catch (SQLException | RuntimeException e) {
      execution.failed(start);
      throw e;
    }
    execution.batchExecuted(start, PreparedExecution.sum(counts));
    return counts;
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
