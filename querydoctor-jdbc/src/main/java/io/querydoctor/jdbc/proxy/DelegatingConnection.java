package io.querydoctor.jdbc.proxy;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;

/**
 * Forwards every {@link Connection} method to the wrapped one; capturing subclasses override
 * only what they observe. Plain delegation, no reflection, so the JIT inlines it (HikariCP's proxy style).
 */
@SuppressWarnings("deprecation")
public class DelegatingConnection implements Connection {

  protected final Connection delegate;

  protected DelegatingConnection(Connection delegate) {
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
  public void abort(java.util.concurrent.Executor x0) throws SQLException {
    delegate.abort(x0);
  }

  @Override
  public void beginRequest() throws SQLException {
    delegate.beginRequest();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public void close() throws SQLException {
    delegate.close();
  }

  @Override
  public void commit() throws SQLException {
    delegate.commit();
  }

  @Override
  public Array createArrayOf(String x0, Object[] x1) throws SQLException {
    return delegate.createArrayOf(x0, x1);
  }

  @Override
  public Blob createBlob() throws SQLException {
    return delegate.createBlob();
  }

  @Override
  public Clob createClob() throws SQLException {
    return delegate.createClob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return delegate.createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return delegate.createSQLXML();
  }

  @Override
  public Statement createStatement() throws SQLException {
    return delegate.createStatement();
  }

  @Override
  public Statement createStatement(int x0, int x1, int x2) throws SQLException {
    return delegate.createStatement(x0, x1, x2);
  }

  @Override
  public Statement createStatement(int x0, int x1) throws SQLException {
    return delegate.createStatement(x0, x1);
  }

  @Override
  public Struct createStruct(String x0, Object[] x1) throws SQLException {
    return delegate.createStruct(x0, x1);
  }

  @Override
  public void endRequest() throws SQLException {
    delegate.endRequest();
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    return delegate.getAutoCommit();
  }

  @Override
  public String getCatalog() throws SQLException {
    return delegate.getCatalog();
  }

  @Override
  public java.util.Properties getClientInfo() throws SQLException {
    return delegate.getClientInfo();
  }

  @Override
  public String getClientInfo(String label) throws SQLException {
    return delegate.getClientInfo(label);
  }

  @Override
  public int getHoldability() throws SQLException {
    return delegate.getHoldability();
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return delegate.getMetaData();
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return delegate.getNetworkTimeout();
  }

  @Override
  public String getSchema() throws SQLException {
    return delegate.getSchema();
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    return delegate.getTransactionIsolation();
  }

  @Override
  public java.util.Map<String, Class<?>> getTypeMap() throws SQLException {
    return delegate.getTypeMap();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return delegate.isReadOnly();
  }

  @Override
  public boolean isValid(int x0) throws SQLException {
    return delegate.isValid(x0);
  }

  @Override
  public String nativeSQL(String x0) throws SQLException {
    return delegate.nativeSQL(x0);
  }

  @Override
  public CallableStatement prepareCall(String x0, int x1, int x2, int x3) throws SQLException {
    return delegate.prepareCall(x0, x1, x2, x3);
  }

  @Override
  public CallableStatement prepareCall(String x0, int x1, int x2) throws SQLException {
    return delegate.prepareCall(x0, x1, x2);
  }

  @Override
  public CallableStatement prepareCall(String x0) throws SQLException {
    return delegate.prepareCall(x0);
  }

  @Override
  public PreparedStatement prepareStatement(String x0, int[] x1) throws SQLException {
    return delegate.prepareStatement(x0, x1);
  }

  @Override
  public PreparedStatement prepareStatement(String x0, String[] x1) throws SQLException {
    return delegate.prepareStatement(x0, x1);
  }

  @Override
  public PreparedStatement prepareStatement(String x0, int x1, int x2, int x3) throws SQLException {
    return delegate.prepareStatement(x0, x1, x2, x3);
  }

  @Override
  public PreparedStatement prepareStatement(String x0, int x1, int x2) throws SQLException {
    return delegate.prepareStatement(x0, x1, x2);
  }

  @Override
  public PreparedStatement prepareStatement(String x0, int x1) throws SQLException {
    return delegate.prepareStatement(x0, x1);
  }

  @Override
  public PreparedStatement prepareStatement(String x0) throws SQLException {
    return delegate.prepareStatement(x0);
  }

  @Override
  public void releaseSavepoint(Savepoint x0) throws SQLException {
    delegate.releaseSavepoint(x0);
  }

  @Override
  public void rollback() throws SQLException {
    delegate.rollback();
  }

  @Override
  public void rollback(Savepoint x0) throws SQLException {
    delegate.rollback(x0);
  }

  @Override
  public void setAutoCommit(boolean x0) throws SQLException {
    delegate.setAutoCommit(x0);
  }

  @Override
  public void setCatalog(String label) throws SQLException {
    delegate.setCatalog(label);
  }

  @Override
  public void setClientInfo(String label, String x1) throws SQLClientInfoException {
    delegate.setClientInfo(label, x1);
  }

  @Override
  public void setClientInfo(java.util.Properties x0) throws SQLClientInfoException {
    delegate.setClientInfo(x0);
  }

  @Override
  public void setHoldability(int index) throws SQLException {
    delegate.setHoldability(index);
  }

  @Override
  public void setNetworkTimeout(java.util.concurrent.Executor x0, int x1) throws SQLException {
    delegate.setNetworkTimeout(x0, x1);
  }

  @Override
  public void setReadOnly(boolean x0) throws SQLException {
    delegate.setReadOnly(x0);
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return delegate.setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String label) throws SQLException {
    return delegate.setSavepoint(label);
  }

  @Override
  public void setSchema(String label) throws SQLException {
    delegate.setSchema(label);
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey x0, int x1) throws SQLException {
    return delegate.setShardingKeyIfValid(x0, x1);
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey x0, ShardingKey x1, int x2) throws SQLException {
    return delegate.setShardingKeyIfValid(x0, x1, x2);
  }

  @Override
  public void setShardingKey(ShardingKey x0, ShardingKey x1) throws SQLException {
    delegate.setShardingKey(x0, x1);
  }

  @Override
  public void setShardingKey(ShardingKey x0) throws SQLException {
    delegate.setShardingKey(x0);
  }

  @Override
  public void setTransactionIsolation(int index) throws SQLException {
    delegate.setTransactionIsolation(index);
  }

  @Override
  public void setTypeMap(java.util.Map<String, Class<?>> x0) throws SQLException {
    delegate.setTypeMap(x0);
  }
}
