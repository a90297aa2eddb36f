package io.querydoctor.monitor.dashboard;

import io.querydoctor.monitor.store.HistoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The dashboard's connections to the history store, separate from the monitor's own (a slow page never delays a
 * sample): at most {@link #MAX_CONNECTIONS}, opened on demand, a connection that failed is dropped. Also creates
 * the dashboard's own tables ({@code dashboard.sql}, idempotent) next to the monitor's in {@code qd_monitor}.
 * Thread-safe.
 */
public final class DashboardStore implements AutoCloseable {

  static final int MAX_CONNECTIONS = 4;

  /** Work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Maps one row. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * How far each target's rollups reach (exclusive ends), as the last catch-up left them: pages read rollup rows
   * only below these and the samples from there on, so a bucket not rolled up yet is never missing from a page.
   */
  public record Rolled(Instant day, Instant hour, Instant five) {
    static final Rolled NONE = new Rolled(Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
  }

  private final java.util.Map<String, Rolled> rolled = new java.util.concurrent.ConcurrentHashMap<>();
  private final HistoryStore.Connector connector;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_CONNECTIONS);
  private final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(MAX_CONNECTIONS);

  public DashboardStore(HistoryStore.Connector connector) throws SQLException {
    this.connector = connector;
    run(DashboardStore::createTables);
  }

  private static Void createTables(Connection c) throws SQLException {
    String ddl;
    try (var in = DashboardStore.class.getResourceAsStream("dashboard.sql")) {
      ddl = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("dashboard.sql missing from the classpath", e);
    }
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(7526261)");  // two monitors on one store create the tables once
      try {
        s.execute(ddl);
      } finally {
        s.execute("SELECT pg_advisory_unlock(7526261)");
      }
    }
    return null;
  }

  /** Runs {@code work} on a pooled connection (autocommit). */
  public <T> T run(Work<T> work) throws SQLException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a store connection");
    }
    Connection c = idle.poll();
    try {
      if (c == null) {
        c = open();
      }
      T result = work.run(c);
      idle.offer(c);
      c = null;
      return result;
    } finally {
      if (c != null) {
        closeQuietly(c);
      }
      permits.release();
    }
  }

  /** The rows of {@code sql} with {@code parameters} (Instant, String, Long, Integer, Double or null). */
  public <T> List<T> query(String sql, Row<T> mapper, Object... parameters) throws SQLException {
    return run(c -> {
      try (PreparedStatement select = c.prepareStatement(sql)) {
        bind(select, parameters);
        List<T> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            rows.add(mapper.map(rs));
          }
        }
        return rows;
      }
    });
  }

  /** Runs an INSERT/UPDATE/DELETE; returns the rows changed. */
  public int update(String sql, Object... parameters) throws SQLException {
    return run(c -> {
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        bind(statement, parameters);
        return statement.executeUpdate();
      }
    });
  }

  static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object p = parameters[i];
      if (p instanceof Instant instant) {
        statement.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
      } else if (p == null) {
        statement.setNull(i + 1, Types.OTHER);
      } else {
        statement.setObject(i + 1, p);
      }
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  Rolled rolled(String target) {
    return rolled.getOrDefault(target, Rolled.NONE);
  }

  void rolledUp(String target, Rolled value) {
    rolled.put(target, value);
  }

  /** The databases the store has history of. */
  public List<String> targets() throws SQLException {
    return query("SELECT target FROM qd_monitor.counter_state UNION SELECT DISTINCT target FROM "
        + "qd_monitor.database_size ORDER BY 1", rs -> rs.getString(1));
  }

  private Connection open() throws SQLException {
    try {
      Connection c = connector.open();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        // Pages aggregate tens of thousands of rows with percentiles: sort in memory, not on disk.
        s.execute("SET work_mem = '32MB'");
      }
      return c;
    } catch (SQLException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException("cannot connect to the history store: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // already broken
    }
  }

  @Override
  public void close() {
    Connection c;
    while ((c = idle.poll()) != null) {
      closeQuietly(c);
    }
  }
}
