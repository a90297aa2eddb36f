package io.querydoctor.jdbc.proxy;

import java.sql.Connection;
import java.sql.CallableStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A CallableStatement that records each execution: clock, delegate, clock, notify. The application's own
 * exceptions are rethrown unchanged after the failure is recorded; results are returned as the driver made
 * them (wrapped only to count rows).
 */
public final class CapturingCallableStatement extends DelegatingCallableStatement {

  // Captures the executions: a prepared statement over the same driver statement, whose results report this one
  // as their statement. A second object per callable statement, which are rare, so prepared ones need none.
  private final CapturingPreparedStatement prepared;

  CapturingCallableStatement(CallableStatement delegate, Connection connection, StatementCapture capture,
      String sql) {
    super(delegate);
    this.prepared = new CapturingPreparedStatement(delegate, connection, capture, sql, this);
  }

  @Override
  protected void bind(int index, long bits) {
    prepared.bind(index, bits);
  }

  @Override
  protected void bindObject(int index, Object value) {
    prepared.bindObject(index, value);
  }

  @Override
  protected void bindNull(int index) {
    prepared.bindNull(index);
  }

  @Override
  public void clearParameters() throws SQLException {
    prepared.clearParameters();
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return prepared.executeQuery();
  }

  @Override
  public int executeUpdate() throws SQLException {
    return prepared.executeUpdate();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return prepared.executeLargeUpdate();
  }

  @Override
  public boolean execute() throws SQLException {
    return prepared.execute();
  }

  @Override
  public void addBatch() throws SQLException {
    prepared.addBatch();
  }

  @Override
  public void clearBatch() throws SQLException {
    prepared.clearBatch();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return prepared.executeBatch();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return prepared.executeLargeBatch();
  }

  @Override
  public Connection getConnection() {
    return prepared.getConnection();
  }

  @Override
  public void close() throws SQLException {
    prepared.close();
  }
}
