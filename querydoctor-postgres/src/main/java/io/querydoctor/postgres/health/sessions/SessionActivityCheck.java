package io.querydoctor.postgres.health.sessions;

import io.querydoctor.postgres.health.CatalogQuery;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Client sessions of the server that are running a statement or sit inside a transaction, other than
 * QueryDoctor's own, with how long they have been in that state and how many locks they hold.
 */
public final class SessionActivityCheck {

  private SessionActivityCheck() {}

  /**
   * @param pid backend pid
   * @param user role name
   * @param database database name
   * @param application {@code application_name}
   * @param client client address, empty for a Unix socket
   * @param state {@code active}, {@code idle in transaction}, {@code idle in transaction (aborted)}
   * @param stateSeconds seconds in the current state
   * @param transactionSeconds seconds since the transaction began, -1 outside one
   * @param statementSeconds seconds since the current (or last) statement began
   * @param waitEventType what it waits on, empty if nothing
   * @param statement the current or last statement
   * @param locksHeld granted locks other than its own virtual transaction id
   */
  public record Row(long pid, String user, String database, String application, String client, String state,
      double stateSeconds, double transactionSeconds, double statementSeconds, String waitEventType, String statement,
      long locksHeld) {

    public boolean idleInTransaction() {
      return state.startsWith("idle in transaction");
    }
  }

  static final String SQL = """
      SELECT a.pid, coalesce(a.usename, '') AS user_name, coalesce(a.datname, '') AS database,
             coalesce(a.application_name, '') AS application, coalesce(host(a.client_addr), '') AS client,
             a.state,
             extract(epoch FROM now() - a.state_change)::float8 AS state_seconds,
             coalesce(extract(epoch FROM now() - a.xact_start)::float8, -1) AS transaction_seconds,
             coalesce(extract(epoch FROM now() - a.query_start)::float8, -1) AS statement_seconds,
             coalesce(a.wait_event_type, '') AS wait_event_type, a.query AS statement,
             (SELECT count(*) FROM pg_locks l
               WHERE l.pid = a.pid AND l.granted AND l.locktype <> 'virtualxid') AS locks_held
        FROM pg_stat_activity a
       WHERE a.backend_type = 'client backend'
         AND a.pid <> pg_backend_pid()
         AND a.state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')
       ORDER BY a.pid
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getLong("pid"), rs.getString("user_name"), rs.getString("database"),
        rs.getString("application"), rs.getString("client"), rs.getString("state"), rs.getDouble("state_seconds"),
        rs.getDouble("transaction_seconds"), rs.getDouble("statement_seconds"), rs.getString("wait_event_type"),
        rs.getString("statement"), rs.getLong("locks_held"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, SessionActivityCheck::map);
}
