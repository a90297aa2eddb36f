package io.querydoctor.remedies.pool;

import io.querydoctor.jdbc.proxy.DelegatingConnection;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A data source whose borrows (wait time, hold time, connections out) are counted by a {@link PoolMonitor}. */
final class MonitoredDataSource implements DataSource {

  private final DataSource delegate;
  private final PoolMonitor monitor;

  MonitoredDataSource(DataSource delegate, PoolMonitor monitor) {
    this.delegate = delegate;
    this.monitor = monitor;
  }

  @Override
  public Connection getConnection() throws SQLException {
    long start = monitor.borrowing();
    Connection connection;
    try {
      connection = delegate.getConnection();
    } finally {
      monitor.borrowed(start);
    }
    return held(connection);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    long start = monitor.borrowing();
    Connection connection;
    try {
      connection = delegate.getConnection(username, password);
    } finally {
      monitor.borrowed(start);
    }
    return held(connection);
  }

  private Connection held(Connection connection) {
    long since = monitor.lent();
    return new DelegatingConnection(connection) {
      private boolean closed;

      @Override
      public void close() throws SQLException {
        try {
          delegate.close();
        } finally {
          if (!closed) {
            closed = true;
            monitor.returned(since);
          }
        }
      }
    };
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(delegate) ? iface.cast(delegate) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(delegate) || delegate.isWrapperFor(iface);
  }
}
