package io.querydoctor.remedies.pool;

import io.querydoctor.jdbc.proxy.DelegatingConnection;
import io.querydoctor.jdbc.proxy.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A data source whose borrows (wait time, hold time, connections out) are counted by a {@link PoolMonitor}. */
final class MonitoredDataSource extends DelegatingDataSource {

  private final PoolMonitor monitor;

  MonitoredDataSource(DataSource delegate, PoolMonitor monitor) {
    super(delegate);
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

}
