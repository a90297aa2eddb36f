package io.querydoctor.remedies.cache;

import io.querydoctor.jdbc.proxy.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A {@link DataSource} whose connections read through a {@link QueryCache}; the rest goes to the wrapped one. */
final class CachingDataSource extends DelegatingDataSource {

  private final QueryCache cache;
  // The database's name in the shared tier, from the first connection's URL (one data source, one database).
  private volatile String namespace;

  CachingDataSource(DataSource delegate, QueryCache cache) {
    super(delegate);
    this.cache = cache;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(delegate.getConnection(username, password));
  }

  private Connection wrap(Connection connection) throws SQLException {
    if (connection == null) {
      return null;
    }
    String known = namespace;
    if (known == null) {
      try {
        known = cache.namespaceOf(connection);
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
      namespace = known;
    }
    return new CachingConnection(connection, cache, known);
  }

}
