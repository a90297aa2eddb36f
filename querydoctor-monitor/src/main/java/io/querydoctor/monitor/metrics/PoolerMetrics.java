package io.querydoctor.monitor.metrics;

import io.querydoctor.monitor.pgbouncer.PoolState;
import java.util.List;
import java.util.Map;

/** The {@code querydoctor_pgbouncer_*} families of /metrics (only when {@code --pgbouncer} is given). */
final class PoolerMetrics {

  /** One PgBouncer: up, its latest pools, per database {transactions, queries, wait µs} since the monitor started. */
  record Series(String pooler, boolean up, List<PoolState> pools, Map<String, long[]> totals) {}

  private PoolerMetrics() {
  }

  static void render(PrometheusText text, List<Series> poolers) {
    if (poolers.isEmpty()) {
      return;
    }
    text.family("querydoctor_pgbouncer_up", "gauge", "1 when the latest sample of the PgBouncer succeeded.");
    poolers.forEach(p -> text.sample("querydoctor_pgbouncer_up", p.up() ? 1 : 0, "pgbouncer", p.pooler()));
    text.family("querydoctor_pgbouncer_clients", "gauge", "Client connections per pool, by state (SHOW POOLS).");
    each(poolers, (p, pool) -> {
      text.sample("querydoctor_pgbouncer_clients", pool.clientsActive(), labels(p, pool, "active"));
      text.sample("querydoctor_pgbouncer_clients", pool.clientsWaiting(), labels(p, pool, "waiting"));
    });
    text.family("querydoctor_pgbouncer_servers", "gauge", "Server connections per pool, by state (SHOW POOLS).");
    each(poolers, (p, pool) -> {
      text.sample("querydoctor_pgbouncer_servers", pool.serversActive(), labels(p, pool, "active"));
      text.sample("querydoctor_pgbouncer_servers", pool.serversIdle(), labels(p, pool, "idle"));
      text.sample("querydoctor_pgbouncer_servers", pool.serversUsed(), labels(p, pool, "used"));
    });
    text.family("querydoctor_pgbouncer_max_wait_seconds", "gauge",
        "How long the oldest client waiting for a server connection has waited, per pool.");
    each(poolers, (p, pool) -> text.sample("querydoctor_pgbouncer_max_wait_seconds", pool.maxWaitSeconds(),
        "pgbouncer", p.pooler(), "database", pool.database(), "user", pool.user()));
    totals(text, poolers, "querydoctor_pgbouncer_transactions_total", "Transactions pooled (SHOW STATS).", 0, 1);
    totals(text, poolers, "querydoctor_pgbouncer_queries_total", "Queries pooled (SHOW STATS).", 1, 1);
    totals(text, poolers, "querydoctor_pgbouncer_client_wait_seconds_total",
        "Time clients spent waiting for a server connection (SHOW STATS).", 2, 1e-6);
  }

  private static String[] labels(Series p, PoolState pool, String state) {
    return new String[] {"pgbouncer", p.pooler(), "database", pool.database(), "user", pool.user(), "state", state};
  }

  private interface PoolWriter {
    void write(Series pooler, PoolState pool);
  }

  private static void each(List<Series> poolers, PoolWriter writer) {
    poolers.forEach(p -> p.pools().forEach(pool -> writer.write(p, pool)));
  }

  private static void totals(PrometheusText text, List<Series> poolers, String name, String help, int index,
      double scale) {
    text.family(name, "counter", help);
    poolers.forEach(p -> p.totals().forEach((database, totals) -> text.sample(name, totals[index] * scale,
        "pgbouncer", p.pooler(), "database", database)));
  }
}
