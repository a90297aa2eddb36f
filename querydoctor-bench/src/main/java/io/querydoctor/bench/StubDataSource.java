package io.querydoctor.bench;

import io.querydoctor.jdbc.proxy.DelegatingConnection;
import io.querydoctor.jdbc.proxy.DelegatingPreparedStatement;
import io.querydoctor.jdbc.proxy.DelegatingResultSet;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A JDBC driver that does nothing, quickly: the floor against which capture overhead is measured
 * (HikariCP-benchmark's stub driver idea). Only the methods the benchmarks and the measured layers call are
 * implemented; the rest would fail on the null delegate, which no benchmark reaches.
 */
final class StubDataSource implements DataSource {

  @Override
  public Connection getConnection() {
    return new StubConnection();
  }

  @Override
  public Connection getConnection(String username, String password) {
    return new StubConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  @Override
  public <T> T unwrap(Class<T> iface) {
    return null;
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }

  static final class StubConnection extends DelegatingConnection {
    private boolean autoCommit = true;
    private boolean closed;

    StubConnection() {
      super(null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) {
      return new StubStatement();
    }

    @Override
    public boolean getAutoCommit() {
      return autoCommit;
    }

    @Override
    public void setAutoCommit(boolean value) {
      autoCommit = value;
    }

    @Override
    public void commit() {}

    @Override
    public void rollback() {}

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public SQLWarning getWarnings() {
      return null;
    }

    @Override
    public void clearWarnings() {}

    /** Asked once per connection by p6spy; a reflective proxy is fine off the hot path. */
    @Override
    public DatabaseMetaData getMetaData() {
      return (DatabaseMetaData) Proxy.newProxyInstance(StubDataSource.class.getClassLoader(),
          new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
            case "getURL" -> "jdbc:stub:bench";
            case "getDatabaseProductName" -> "Stub";
            case "getUserName" -> "bench";
            case "getConnection" -> this;
            default -> method.getReturnType() == boolean.class ? false
                : method.getReturnType() == int.class ? 0 : null;
          });
    }
  }

  static final class StubStatement extends DelegatingPreparedStatement {
    private int batch;
    private boolean closed;

    StubStatement() {
      super(null);
    }

    @Override
    public void setInt(int index, int value) {}

    @Override
    public void setLong(int index, long value) {}

    @Override
    public void setString(int index, String value) {}

    @Override
    public void clearParameters() {}

    @Override
    public ResultSet executeQuery() {
      return new StubResultSet();
    }

    @Override
    public int executeUpdate() {
      return 1;
    }

    @Override
    public void addBatch() {
      batch++;
    }

    @Override
    public int[] executeBatch() {
      int[] counts = new int[batch];
      batch = 0;
      return counts;
    }

    @Override
    public void clearBatch() {
      batch = 0;
    }

    @Override
    public int getUpdateCount() {
      return -1;
    }

    @Override
    public SQLWarning getWarnings() {
      return null;
    }

    @Override
    public void clearWarnings() {}

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static final class StubResultSet extends DelegatingResultSet {
    private int row;

    StubResultSet() {
      super(null);
    }

    @Override
    public boolean next() {
      return ++row == 1;
    }

    @Override
    public String getString(int column) {
      return "name";
    }

    @Override
    public int getInt(int column) {
      return row;
    }

    @Override
    public boolean wasNull() {
      return false;
    }

    @Override
    public boolean isClosed() {
      return false;
    }

    @Override
    public void close() {}
  }
}
