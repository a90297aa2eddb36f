package io.querydoctor.monitor.pgbouncer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PgBouncer watched through its admin console ({@code --pgbouncer URL}, database {@code pgbouncer}): each
 * sample runs {@code SHOW POOLS} and {@code SHOW STATS} (the console speaks only the simple query protocol and
 * has no transactions, so these are plain statements, and only SHOW commands, which change nothing).
 *
 * <p>Design: columns are read by name, and a column an older or newer PgBouncer does not have reads as 0, so
 * one reader serves the versions in use ({@code maxwait_us} came in 1.8, the {@code total_*_time} columns are
 * microseconds since 1.8). Statistics are differenced like the server's: a counter lower than before (PgBouncer
 * restarted) makes the current value the delta, never a negative one. A failure gives a failed sample with the
 * reason, drops the connection, and the next sample reconnects. Sampling thread only.
 */
public final class PgBouncerTarget {

  /** Opens a connection to the admin console (pgjdbc with {@code preferQueryMode=simple}). */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws Exception;
  }

  private final String name;
  private final Connector connector;
  private Connection connection;
  private Map<String, PoolerStats> previous;

  /** @param name how it is named in metrics, alerts and the store (its URL without password) */
  public PgBouncerTarget(String name, Connector connector) {
    this.name = name;
    this.connector = connector;
  }

  public String name() {
    return name;
  }

  /** Takes one sample; never throws. */
  public PoolerSample sample(Instant now) {
    long start = System.nanoTime();
    try {
      if (connection == null) {
        connection = connector.open();
      }
      List<PoolState> pools = query("SHOW POOLS", PgBouncerTarget::pool);
      Map<String, PoolerStats> stats = new HashMap<>();
      query("SHOW STATS", PgBouncerTarget::stats).forEach(s -> stats.put(s.database(), s));
      List<PoolerStats> deltas = previous == null ? List.of() : deltas(previous, stats);
      previous = stats;
      return new PoolerSample(name, now, null, pools, deltas, (System.nanoTime() - start) / 1e6);
    } catch (Exception e) {
      disconnect();
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
      return new PoolerSample(name, now, message.lines().findFirst().orElse(message), List.of(), List.of(),
          (System.nanoTime() - start) / 1e6);
    }
  }

  private static List<PoolerStats> deltas(Map<String, PoolerStats> before, Map<String, PoolerStats> now) {
    List<PoolerStats> deltas = new ArrayList<>();
    for (PoolerStats current : now.values()) {
      PoolerStats earlier = before.get(current.database());
      deltas.add(earlier == null || current.decreasedFrom(earlier) ? current : current.minus(earlier));
    }
    deltas.sort(java.util.Comparator.comparing(PoolerStats::database));
    return deltas;
  }

  /** A row mapper over columns by name. */
  private interface Row<T> {
    T map(Columns columns) throws SQLException;
  }

  private <T> List<T> query(String show, Row<T> mapper) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(show)) {
      Columns columns = new Columns(rs);
      while (rs.next()) {
        rows.add(mapper.map(columns));
      }
    }
    return rows;
  }

  private static PoolState pool(Columns c) throws SQLException {
    double maxWait = c.number("maxwait") + c.number("maxwait_us") / 1e6;
    return new PoolState(c.text("database"), c.text("user"), c.number("cl_active"), c.number("cl_waiting"),
        c.number("sv_active"), c.number("sv_idle"), c.number("sv_used"), maxWait, c.text("pool_mode"));
  }

  private static PoolerStats stats(Columns c) throws SQLException {
    return new PoolerStats(c.text("database"), c.number("total_xact_count"), c.number("total_query_count"),
        c.number("total_wait_time"), c.number("total_xact_time"), c.number("total_query_time"));
  }

  /** The current row's columns by name; a column this PgBouncer does not have reads as 0 or null. */
  private static final class Columns {
    private final ResultSet rs;
    private final Set<String> names = new HashSet<>();

    Columns(ResultSet rs) throws SQLException {
      this.rs = rs;
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnLabel(i));
      }
    }

    String text(String column) throws SQLException {
      return names.contains(column) ? rs.getString(column) : null;
    }

    long number(String column) throws SQLException {
      if (!names.contains(column)) {
        return 0;
      }
      String value = rs.getString(column);
      return value == null || value.isBlank() ? 0 : Long.parseLong(value.strip());
    }
  }

  /** Closes the console connection; the next sample reconnects. */
  public void disconnect() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // already broken; closing is best effort
      }
      connection = null;
    }
  }
}
