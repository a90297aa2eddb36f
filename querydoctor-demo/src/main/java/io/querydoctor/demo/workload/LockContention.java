package io.querydoctor.demo.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Planted problem 7: a "refund" request locks an order with {@code SELECT … FOR UPDATE}, then does slow
 * application work (simulated: waiting on a payment provider) before it commits, while a second request
 * that wants to ship the same order waits for the lock. The transaction stays open, idle, until
 * {@link #close()} and at least {@code minimumHold}, so that catalog checks run meanwhile see the idle
 * transaction and the blocked session.
 */
public final class LockContention implements AutoCloseable {

  private final CountDownLatch locked = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread holder;
  private final Thread waiter;

  private LockContention(ConnectionSource source, ScopeRunner scopes, long orderId, Duration minimumHold) {
    holder = new Thread(() -> guard(() -> scopes.run("POST /orders/{id}/refund",
        () -> holdLock(source, orderId, minimumHold))), "demo-refund");
    waiter = new Thread(() -> guard(() -> scopes.run("POST /orders/{id}/ship",
        () -> shipOrder(source, orderId))), "demo-ship");
    holder.setDaemon(true);
    waiter.setDaemon(true);
  }

  /** Starts both sessions and returns once the lock is held and the second session is (about to be) waiting. */
  public static LockContention start(ConnectionSource source, ScopeRunner scopes, long orderId, Duration minimumHold)
      throws SQLException {
    LockContention contention = new LockContention(source, scopes, orderId, minimumHold);
    contention.holder.start();
    try {
      if (!contention.locked.await(30, TimeUnit.SECONDS)) {
        throw new SQLException("the demo's lock holder did not get its lock within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while starting the lock holder", e);
    }
    contention.rethrow();
    contention.waiter.start();
    return contention;
  }

  private void holdLock(ConnectionSource source, long orderId, Duration minimumHold) throws SQLException {
    long start = System.nanoTime();
    try (Connection connection = source.open()) {
      connection.setAutoCommit(false);
      try (PreparedStatement lock = connection.prepareStatement(DemoQueries.LOCK_ORDER)) {
        lock.setLong(1, orderId);
        try (ResultSet rs = lock.executeQuery()) {
          rs.next();
        }
      }
      locked.countDown();
      slowApplicationWork(start, minimumHold);
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE orders SET status = 'cancelled' WHERE id = ?")) {
        update.setLong(1, orderId);
        update.executeUpdate();
      }
      connection.commit();
    } finally {
      locked.countDown();
    }
  }

  /** Stands for a remote call made while the transaction is open: the mistake this scenario plants. */
  private void slowApplicationWork(long startNanos, Duration minimumHold) {
    try {
      release.await();
      long remaining = minimumHold.toNanos() - (System.nanoTime() - startNanos);
      if (remaining > 0) {
        TimeUnit.NANOSECONDS.sleep(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void shipOrder(ConnectionSource source, long orderId) throws SQLException {
    try (Connection connection = source.open();
        PreparedStatement ship = connection.prepareStatement(DemoQueries.SHIP_ORDER)) {
      ship.setLong(1, orderId);
      ship.executeUpdate();
    }
  }

  private void guard(ScopeRunner.Work work) {
    try {
      work.run();
    } catch (SQLException | RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private void rethrow() throws SQLException {
    Throwable t = failure.get();
    if (t != null) {
      throw t instanceof SQLException sql ? sql : new SQLException(t.getMessage(), t);
    }
  }

  /** Lets the slow work finish (after the minimum hold), waits for both sessions, reports their failure. */
  @Override
  public void close() throws SQLException {
    release.countDown();
    try {
      holder.join(TimeUnit.MINUTES.toMillis(2));
      waiter.join(TimeUnit.MINUTES.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rethrow();
  }
}
