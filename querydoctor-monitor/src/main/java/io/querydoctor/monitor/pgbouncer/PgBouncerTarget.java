package io.querydoctor.monitor.pgbouncer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PgBouncer watched through its admin console ({@code --pgbouncer URL}, database {@code pgbouncer}): each
 * sample runs {@code SHOW POOLS} and {@code SHOW STATS} over a {@link PgBouncerConsole} (the console speaks only
 * the simple query protocol and has no transactions; SHOW commands change nothing).
 *
 * <p>Design: columns are read by name, and a column an older or newer PgBouncer does not have reads as 0, so
 * one reader serves the versions in use ({@code maxwait_us} came in 1.8, the {@code total_*_time} columns are
 * microseconds since 1.8). Statistics are differenced like the server's: a counter lower than before (PgBouncer
 * restarted) makes the current value the delta, never a negative one. A failure gives a failed sample with the
 * reason, drops the connection, and the next sample reconnects. Sampling thread only.
 */
public final class PgBouncerTarget {

  /** Opens a connection to the admin console. */
  @FunctionalInterface
  public interface Connector {
    PgBouncerConsole open() throws Exception;
  }

  private final String name;
  private final Connector connector;
  private PgBouncerConsole connection;
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

  private interface Row<T> {
    T map(Map<String, String> columns);
  }

  private <T> List<T> query(String show, Row<T> mapper) throws java.io.IOException {
    List<T> rows = new ArrayList<>();
    for (Map<String, String> row : connection.query(show)) {
      rows.add(mapper.map(row));
    }
    return rows;
  }

  private static PoolState pool(Map<String, String> c) {
    double maxWait = number(c, "maxwait") + number(c, "maxwait_us") / 1e6;
    return new PoolState(c.get("database"), c.get("user"), number(c, "cl_active"), number(c, "cl_waiting"),
        number(c, "sv_active"), number(c, "sv_idle"), number(c, "sv_used"), maxWait, c.get("pool_mode"));
  }

  private static PoolerStats stats(Map<String, String> c) {
    return new PoolerStats(c.get("database"), number(c, "total_xact_count"), number(c, "total_query_count"),
        number(c, "total_wait_time"), number(c, "total_xact_time"), number(c, "total_query_time"));
  }

  /** A column this PgBouncer does not have (or a NULL) reads as 0. */
  private static long number(Map<String, String> row, String column) {
    String value = row.get(column);
    return value == null || value.isBlank() ? 0 : Long.parseLong(value.strip());
  }

  /** Closes the console connection; the next sample reconnects. */
  public void disconnect() {
    if (connection != null) {
      try {
        connection.close();
      } catch (java.io.IOException e) {
        // already broken; closing is best effort
      }
      connection = null;
    }
  }
}
