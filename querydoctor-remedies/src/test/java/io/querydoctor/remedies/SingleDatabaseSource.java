package io.querydoctor.remedies;

import io.querydoctor.demo.junit.TestDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A test data source that opens a new connection to a test database per call; nothing else. */
public record SingleDatabaseSource(Opener opener) implements DataSource {

  /** Opens one new connection (a test database's {@code connect}). */
  @FunctionalInterface
  public interface Opener {
    Connection connect() throws SQLException;
  }

  public SingleDatabaseSource(TestDatabase db) {
    this(db::connect);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return opener.connect();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return opener.connect();
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
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
