package io.querydoctor.jdbc.proxy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * Forwards every {@link Statement} method to the wrapped one; capturing subclasses override
 * only what they observe. Plain delegation, no reflection, so the JIT inlines it (HikariCP's proxy style).
 */
@SuppressWarnings("deprecation")
public class DelegatingStatement implements Statement {

  protected final Statement delegate;

  protected DelegatingStatement(Statement delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(delegate) ? iface.cast(delegate) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(delegate) || delegate.isWrapperFor(iface);
  }

  @Override
  public void addBatch(String x0) throws SQLException {
    delegate.addBatch(x0);
  }

  @Override
  public void cancel() throws SQLException {
    delegate.cancel();
  }

  @Override
  public void clearBatch() throws SQLException {
    delegate.clearBatch();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    delegate.closeOnCompletion();
  }

  @Override
  public void close() throws SQLException {
    delegate.close();
  }

  @Override
  public String enquoteIdentifier(String x0, boolean x1) throws SQLException {
    return delegate.enquoteIdentifier(x0, x1);
  }

  @Override
  public String enquoteLiteral(String x0) throws SQLException {
    return delegate.enquoteLiteral(x0);
  }

  @Override
  public String enquoteNCharLiteral(String x0) throws SQLException {
    return delegate.enquoteNCharLiteral(x0);
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return delegate.executeBatch();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return delegate.executeLargeBatch();
  }

  @Override
  public long executeLargeUpdate(String x0, int[] x1) throws SQLException {
    return delegate.executeLargeUpdate(x0, x1);
  }

  @Override
  public long executeLargeUpdate(String x0, String[] x1) throws SQLException {
    return delegate.executeLargeUpdate(x0, x1);
  }

  @Override
  public long executeLargeUpdate(String x0, int x1) throws SQLException {
    return delegate.executeLargeUpdate(x0, x1);
  }

  @Override
  public long executeLargeUpdate(String x0) throws SQLException {
    return delegate.executeLargeUpdate(x0);
  }

  @Override
  public ResultSet executeQuery(String x0) throws SQLException {
    return delegate.executeQuery(x0);
  }

  @Override
  public int executeUpdate(String x0, int[] x1) throws SQLException {
    return delegate.executeUpdate(x0, x1);
  }

  @Override
  public int executeUpdate(String x0, String[] x1) throws SQLException {
    return delegate.executeUpdate(x0, x1);
  }

  @Override
  public int executeUpdate(String x0, int x1) throws SQLException {
    return delegate.executeUpdate(x0, x1);
  }

  @Override
  public int executeUpdate(String x0) throws SQLException {
    return delegate.executeUpdate(x0);
  }

  @Override
  public boolean execute(String x0, int[] x1) throws SQLException {
    return delegate.execute(x0, x1);
  }

  @Override
  public boolean execute(String x0, String[] x1) throws SQLException {
    return delegate.execute(x0, x1);
  }

  @Override
  public boolean execute(String x0, int x1) throws SQLException {
    return delegate.execute(x0, x1);
  }

  @Override
  public boolean execute(String x0) throws SQLException {
    return delegate.execute(x0);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return delegate.getConnection();
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return delegate.getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return delegate.getFetchSize();
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return delegate.getGeneratedKeys();
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    return delegate.getLargeMaxRows();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return delegate.getLargeUpdateCount();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return delegate.getMaxFieldSize();
  }

  @Override
  public int getMaxRows() throws SQLException {
    return delegate.getMaxRows();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return delegate.getMoreResults();
  }

  @Override
  public boolean getMoreResults(int index) throws SQLException {
    return delegate.getMoreResults(index);
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return delegate.getQueryTimeout();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return delegate.getResultSetConcurrency();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return delegate.getResultSetHoldability();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return delegate.getResultSetType();
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    return delegate.getResultSet();
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return delegate.getUpdateCount();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return delegate.isCloseOnCompletion();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return delegate.isPoolable();
  }

  @Override
  public boolean isSimpleIdentifier(String x0) throws SQLException {
    return delegate.isSimpleIdentifier(x0);
  }

  @Override
  public void setCursorName(String label) throws SQLException {
    delegate.setCursorName(label);
  }

  @Override
  public void setEscapeProcessing(boolean x0) throws SQLException {
    delegate.setEscapeProcessing(x0);
  }

  @Override
  public void setFetchDirection(int index) throws SQLException {
    delegate.setFetchDirection(index);
  }

  @Override
  public void setFetchSize(int index) throws SQLException {
    delegate.setFetchSize(index);
  }

  @Override
  public void setLargeMaxRows(long x0) throws SQLException {
    delegate.setLargeMaxRows(x0);
  }

  @Override
  public void setMaxFieldSize(int index) throws SQLException {
    delegate.setMaxFieldSize(index);
  }

  @Override
  public void setMaxRows(int index) throws SQLException {
    delegate.setMaxRows(index);
  }

  @Override
  public void setPoolable(boolean x0) throws SQLException {
    delegate.setPoolable(x0);
  }

  @Override
  public void setQueryTimeout(int index) throws SQLException {
    delegate.setQueryTimeout(index);
  }
}
