package io.querydoctor.monitor.sample;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the transactions the monitor itself rolls back on a target. Every statement the {@link
 * io.querydoctor.postgres.connect.SafeExecutor} runs ends in a rollback, which {@code pg_stat_database} counts as
 * {@code xact_rollback}; without subtracting them, a quiet database would show a rollback ratio near 100 %
 * caused by its own monitor.
 */
final class RollbackCountingConnection implements InvocationHandler {

  private final Connection delegate;
  private final AtomicLong rollbacks;

  private RollbackCountingConnection(Connection delegate, AtomicLong rollbacks) {
    this.delegate = delegate;
    this.rollbacks = rollbacks;
  }

  /** {@code connection}, with each {@code rollback()} adding one to {@code rollbacks}. */
  static Connection wrap(Connection connection, AtomicLong rollbacks) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new RollbackCountingConnection(connection, rollbacks));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("rollback") && (args == null || args.length == 0)) {
      rollbacks.incrementAndGet();
    }
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
