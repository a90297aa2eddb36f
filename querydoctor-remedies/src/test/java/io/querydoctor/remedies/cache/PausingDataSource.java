package io.querydoctor.remedies.cache;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * A test data source whose next query, once armed, runs and then waits before handing its rows back: the
 * window in which a write can commit between a reader's query and its store.
 */
final class PausingDataSource extends io.querydoctor.jdbc.proxy.DelegatingDataSource {

  private final AtomicReference<CountDownLatch[]> armed = new AtomicReference<>();

  PausingDataSource(DataSource delegate) {
    super(delegate);
  }

  /** The next {@code executeQuery} counts {@code queried} down after it ran, then waits for {@code release}. */
  void pauseNextQuery(CountDownLatch queried, CountDownLatch release) {
    armed.set(new CountDownLatch[] {queried, release});
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = delegate.getConnection();
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(connection, method, args);
          if (method.getName().equals("prepareStatement")) {
            return pausing((PreparedStatement) result);
          }
          return result;
        });
  }

  private PreparedStatement pausing(PreparedStatement statement) {
    return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
          Object result = invoke(statement, method, args);
          if (method.getName().equals("executeQuery")) {
            CountDownLatch[] latches = armed.getAndSet(null);
            if (latches != null) {
              latches[0].countDown();
              latches[1].await(10, TimeUnit.SECONDS);
            }
          }
          return result;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
