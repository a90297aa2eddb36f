package io.querydoctor.monitor.sample;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One monitored database: how to connect to it, the connection in use (opened on demand, dropped after a
 * failure and reopened at the next sample), and the counters it was last read at. Used by the sampling thread
 * only.
 */
public final class MonitoredTarget {

  /** Opens a new connection to the target; any failure is one line for the sample's error. */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws Exception;
  }

  private final String name;
  private final String database;
  private final Connector connector;
  private final Duration statementTimeout;
  private final AtomicLong rollbacks = new AtomicLong();
  private long rollbacksAtLastSample;
  private SafeExecutor executor;
  private CounterSnapshot previous;
  /** Query ids of the monitor's own statements on this target, learnt when their texts were read. */
  private final java.util.Set<Long> ownQueryIds = new java.util.HashSet<>();

  /**
   * @param name how the target is named in the store, the metrics and the alerts (a URL without password)
   * @param database the database's name, the subject of database-level alerts
   */
  public MonitoredTarget(String name, String database, Connector connector, Duration statementTimeout) {
    this.name = name;
    this.database = database;
    this.connector = connector;
    this.statementTimeout = statementTimeout;
  }

  public String name() {
    return name;
  }

  public String database() {
    return database;
  }

  /** The read-only executor, connecting first when there is no open connection. */
  public SafeExecutor executor() throws Exception {
    if (executor == null) {
      Connection connection = RollbackCountingConnection.wrap(connector.open(), rollbacks);
      executor = new SafeExecutor(connection, statementTimeout, SafeExecutor.DEFAULT_LOCK_TIMEOUT);
    }
    return executor;
  }

  /** Drops the connection after a failure; the next sample reconnects. */
  public void disconnect() {
    if (executor != null) {
      try {
        executor.close();
      } catch (SQLException | RuntimeException e) {
        // The connection is already broken; closing is best effort.
      }
      executor = null;
    }
  }

  CounterSnapshot previous() {
    return previous;
  }

  /** The counters to difference the next reading against (from the store when the monitor restarts). */
  public void continueFrom(CounterSnapshot counters) {
    this.previous = counters;
  }

  /** The monitor's own query ids (bounded: a few dozen statement shapes; cleared if it ever grows past 10 000). */
  java.util.Set<Long> ownQueryIds() {
    if (ownQueryIds.size() > 10_000) {
      ownQueryIds.clear();
    }
    return ownQueryIds;
  }

  /** Transactions the monitor rolled back on this target since the last call. */
  long takeOwnRollbacks() {
    long now = rollbacks.get();
    long since = now - rollbacksAtLastSample;
    rollbacksAtLastSample = now;
    return since;
  }
}
