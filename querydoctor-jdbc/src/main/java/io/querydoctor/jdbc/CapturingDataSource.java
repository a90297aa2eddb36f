package io.querydoctor.jdbc;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.jdbc.proxy.CapturingConnection;
import io.querydoctor.jdbc.proxy.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** A {@link DataSource} whose connections are captured; everything else goes to the wrapped one. */
final class CapturingDataSource extends DelegatingDataSource {

  /** Class-name prefixes of data sources that are pools: their getConnection() borrows, it does not open. */
  private static final List<String> POOLS = List.of("com.zaxxer.hikari.", "org.apache.commons.dbcp",
      "org.apache.tomcat.jdbc.pool.", "com.mchange.v2.c3p0.", "io.agroal.", "oracle.ucp.", "org.vibur.");

  private final CaptureSession session;
  private final boolean pooled;
  private volatile SqlDialect dialect;

  CapturingDataSource(DataSource delegate, CaptureSession session, WrapOptions options) {
    super(delegate);
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

}
