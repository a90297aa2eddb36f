package io.querydoctor.jdbc;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.jdbc.proxy.CapturingConnection;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:querydoctor:<real url without "jdbc:">}, e.g.
 * {@code jdbc:querydoctor:postgresql://localhost/app}: connects through the real driver and captures every
 * statement into {@link QueryDoctor#session()}. An application needs only the URL change. Each connection it
 * opens is a physical one (counted by {@code connection-churn}).
 */
public final class QueryDoctorDriver implements Driver {

  public static final String PREFIX = "jdbc:querydoctor:";

  static {
    try {
      DriverManager.registerDriver(new QueryDoctorDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The real URL behind a QueryDoctor URL: {@code jdbc:querydoctor:postgresql:…} → {@code jdbc:postgresql:…}; the
   * whole real URL after the prefix ({@code jdbc:querydoctor:jdbc:mariadb:…}) is accepted too.
   */
  public static String realUrl(String url) {
    String rest = url.substring(PREFIX.length());
    return rest.startsWith("jdbc:") ? rest : "jdbc:" + rest;
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String real = realUrl(url);
    Connection connection = DriverManager.getDriver(real).connect(real, info);
    if (connection == null) {
      return null;
    }
    return new CapturingConnection(connection, QueryDoctor.session().connectionOpened(SqlDialect.forJdbcUrl(real),
        true, CapturingConnection.autoCommitOf(connection)));
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return new DriverPropertyInfo[0];
    }
    String real = realUrl(url);
    return DriverManager.getDriver(real).getPropertyInfo(real, info);
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("QueryDoctor logs through SLF4J, not java.util.logging");
  }
}
