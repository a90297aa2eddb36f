package io.querydoctor.jdbc;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.jdbc.proxy.CapturingConnection;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A {@link DataSource} whose connections are captured; everything else goes to the wrapped one. */
final class CapturingDataSource implements DataSource {

  /** Class-name prefixes of data sources that are pools: their getConnection() borrows, it does not open. */
  private static final List<String> POOLS = List.of("com.zaxxer.hikari.", "org.apache.commons.dbcp",
      "org.apache.tomcat.jdbc.pool.", "com.mchange.v2.c3p0.", "io.agroal.", "oracle.ucp.", "org.vibur.");

  private final DataSource delegate;
  private final CaptureSession session;
  private final boolean pooled;
  private volatile SqlDialect dialect;

  CapturingDataSource(DataSource delegate, CaptureSession session, WrapOptions options) {
    this.delegate = delegate;
    this.session = session;
    this.dialect = options.dialect();
    this.pooled = options.pooled() != null ? options.pooled()
        : POOLS.stream().anyMatch(prefix -> delegate.getClass().getName().startsWith(prefix));
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(delegate.getConnection(username, password));
  }

  private Connection wrap(Connection connection) {
    if (connection == null) {
      return null;
    }
    return new CapturingConnection(connection,
        session.connectionOpened(dialectOf(connection), !pooled, CapturingConnection.autoCommitOf(connection)));
  }

  private SqlDialect dialectOf(Connection connection) {
    SqlDialect known = dialect;
    if (known != null) {
      return known;
    }
    try {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      known = product.contains("mysql") || product.contains("mariadb") ? SqlDialect.MYSQL : SqlDialect.POSTGRESQL;
    } catch (SQLException | RuntimeException e) {
      known = SqlDialect.POSTGRESQL;
    }
    dialect = known;
    return known;
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
