package io.querydoctor.postgres.health.sessions;

import io.querydoctor.postgres.health.CatalogQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Client connections of the whole server by state, against the connections it accepts. */
public final class ConnectionCountCheck {

  private ConnectionCountCheck() {}

  /**
   * @param clients client backends connected now
   * @param active running a statement
   * @param idle connected, doing nothing
   * @param idleInTransaction inside a transaction, doing nothing
   * @param maxConnections {@code max_connections}
   * @param reserved slots only superusers (and, from 16, {@code pg_use_reserved_connections}) may use
   */
  public record Row(long clients, long active, long idle, long idleInTransaction, int maxConnections,
      int reserved) {

    /** Connections ordinary roles can open. */
    public int usable() {
      return Math.max(1, maxConnections - reserved);
    }
  }

  private static final String TEMPLATE = """
      SELECT count(*) FILTER (WHERE backend_type = 'client backend') AS clients,
             count(*) FILTER (WHERE backend_type = 'client backend' AND state = 'active') AS active,
             count(*) FILTER (WHERE backend_type = 'client backend' AND state = 'idle') AS idle,
             count(*) FILTER (WHERE backend_type = 'client backend' AND state LIKE 'idle in transaction%%')
                 AS idle_in_transaction,
             current_setting('max_connections')::int AS max_connections,
             %s AS reserved
        FROM pg_stat_activity
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getLong("clients"), rs.getLong("active"), rs.getLong("idle"),
        rs.getLong("idle_in_transaction"), rs.getInt("max_connections"), rs.getInt("reserved"));
  }

  /** {@code reserved_connections} exists from PostgreSQL 16 on. */
  public static final List<CatalogQuery<Row>> VARIANTS = List.of(
      new CatalogQuery<>(160000, TEMPLATE.formatted("current_setting('superuser_reserved_connections')::int"
          + " + current_setting('reserved_connections')::int"), ConnectionCountCheck::map),
      CatalogQuery.of(TEMPLATE.formatted("current_setting('superuser_reserved_connections')::int"),
          ConnectionCountCheck::map));
}
