package io.querydoctor.remedies.cache;

import io.querydoctor.jdbc.proxy.DelegatingPreparedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement whose query may be answered by the cache, keyed by its text and bound values (seen
 * through the bind hooks every {@code setXxx} of {@link DelegatingPreparedStatement} calls), and whose writes
 * invalidate.
 */
final class CachingPreparedStatement extends DelegatingPreparedStatement {

  private final Connection connection;
  private final QueryCache cache;
  private final TransactionWrites writes;
  private final String sql;
  private final StatementPlan plan;
  private final BoundValues values = new BoundValues();

  CachingPreparedStatement(PreparedStatement delegate, Connection connection, QueryCache cache,
      TransactionWrites writes, String sql) {
    super(delegate);
    this.connection = connection;
    this.cache = cache;
    this.writes = writes;
    this.sql = sql;
    this.plan = cache.plan(sql);
  }

  @Override
  protected void bind(int index, long bits) {
    // Integral setters (setInt, setLong, setShort, setByte); the others are overridden below with their type.
    values.set(index, bits);
  }

  @Override
  protected void bindObject(int index, Object value) {
    values.set(index, value);
  }

  @Override
  protected void bindNull(int index) {
    values.set(index, null);
  }

  @Override
  public void setDouble(int index, double value) throws SQLException {
    super.setDouble(index, value);
    values.set(index, value);
  }

  @Override
  public void setFloat(int index, float value) throws SQLException {
    super.setFloat(index, value);
    values.set(index, value);
  }

  @Override
  public void setBoolean(int index, boolean value) throws SQLException {
    super.setBoolean(index, value);
    values.set(index, value);
  }

  @Override
  public void clearParameters() throws SQLException {
    preparedDelegate.clearParameters();
    values.clear();
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    writes.executing(plan);
    if (plan.write()) {
      ResultSet result = preparedDelegate.executeQuery();
      writes.wrote(plan);
      return result;
    }
    return cache.read(plan, sql, values.key(), this, writes, preparedDelegate::executeQuery);
  }

  @Override
  public int executeUpdate() throws SQLException {
    writes.executing(plan);
    int rows = preparedDelegate.executeUpdate();
    wrote();
    return rows;
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    writes.executing(plan);
    long rows = preparedDelegate.executeLargeUpdate();
    wrote();
    return rows;
  }

  @Override
  public boolean execute() throws SQLException {
    writes.executing(plan);
    boolean result = preparedDelegate.execute();
    wrote();
    return result;
  }

  @Override
  public int[] executeBatch() throws SQLException {
    int[] counts = preparedDelegate.executeBatch();
    wrote();
    return counts;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    long[] counts = preparedDelegate.executeLargeBatch();
    wrote();
    return counts;
  }

  private void wrote() {
    if (plan.write()) {
      writes.wrote(plan);
    }
  }

  @Override
  public Connection getConnection() {
    return connection;
  }
}
