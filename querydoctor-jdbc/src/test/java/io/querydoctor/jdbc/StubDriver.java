package io.querydoctor.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A JDBC driver with no database behind it, for testing the capture layer itself: every query returns
 * {@code rows} rows whose column 1 is the row number; SQL containing {@code FAIL} throws {@link #FAILURE}-like
 * exceptions; updates report 1 row. Accepts {@code jdbc:stub:…}.
 */
public final class StubDriver implements Driver {

  static final int ROWS = 3;
  static final AtomicInteger OPENED = new AtomicInteger();
  static final StubDriver INSTANCE = new StubDriver();

  static {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static void register() {
    // class initialisation registers the driver
  }

  @Override
  public Connection connect(String url, Properties info) {
    if (!acceptsURL(url)) {
      return null;
    }
    OPENED.incrementAndGet();
    return connection();
  }

  static Connection connection() {
    boolean[] autoCommit = {true};
    return proxy(Connection.class, (p, m, a) -> switch (m.getName()) {
      case "prepareStatement" -> statement(PreparedStatement.class, (String) a[0]);
      case "prepareCall" -> statement(java.sql.CallableStatement.class, (String) a[0]);
      case "createStatement" -> statement(Statement.class, null);
      case "getAutoCommit" -> autoCommit[0];
      case "setAutoCommit" -> {
        autoCommit[0] = (Boolean) a[0];
        yield null;
      }
      case "isClosed" -> false;
      case "unwrap" -> p;
      case "toString" -> "stub connection";
      default -> defaultValue(m.getReturnType());
    });
  }

  private static <T> T statement(Class<T> type, String preparedSql) {
    int[] batch = {0};
    return proxy(type, (p, m, a) -> {
      String sql = a != null && a.length > 0 && a[0] instanceof String s ? s : preparedSql;
      switch (m.getName()) {
        case "executeQuery":
          failIfAsked(sql);
          return results();
        case "executeUpdate":
          failIfAsked(sql);
          return 1;
        case "execute":
          failIfAsked(sql);
          return false;
        case "addBatch":
          batch[0]++;
          return null;
        case "executeBatch":
          failIfAsked(sql);
          int[] counts = new int[batch[0]];
          java.util.Arrays.fill(counts, 1);
          batch[0] = 0;
          return counts;
        default:
          return defaultValue(m.getReturnType());
      }
    });
  }

  private static void failIfAsked(String sql) throws SQLException {
    if (sql != null && sql.contains("FAIL")) {
      throw new SQLException("stub failure for " + sql, "42P01");
    }
  }

  private static ResultSet results() {
    int[] row = {0};
    return proxy(ResultSet.class, (p, m, a) -> switch (m.getName()) {
      case "next" -> ++row[0] <= ROWS;
      case "getInt", "getLong" -> row[0];
      default -> defaultValue(m.getReturnType());
    });
  }

  private static Object defaultValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(StubDriver.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
      try {
        return handler.invoke(p, m, a);
      } catch (SQLException e) {
        throw e;
      }
    });
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith("jdbc:stub:");
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }
}
