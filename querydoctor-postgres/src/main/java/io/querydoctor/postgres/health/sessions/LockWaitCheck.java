package io.querydoctor.postgres.health.sessions;

import io.querydoctor.postgres.health.CatalogQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Sessions waiting for a lock, each with a session that blocks it ({@code pg_blocking_pids}), the locked
 * object and both statements. PostgreSQL 14 records when a wait began ({@code pg_locks.waitstart}); on 13
 * the wait is measured from the start of the waiting statement, which can only overstate it by the
 * statement's work before the wait.
 */
public final class LockWaitCheck {

  private LockWaitCheck() {}

  /**
   * @param blockedPid the waiting session
   * @param waitSeconds how long it has waited
   * @param lockMode the mode it asks for
   * @param lockedObject the relation, or the lock type when it is not a relation, with the table whose row
   *     it waits for ({@code transactionid (a row of public.accounts)})
   * @param blockedStatement what it wants to run
   * @param blockingPid a session holding what it waits for
   * @param blockingState that session's state ({@code idle in transaction}, {@code active})
   * @param blockingTransactionSeconds how long the blocker's transaction has been open
   * @param blockingStatement the blocker's current or last statement
   */
  public record Row(long blockedPid, double waitSeconds, String lockMode, String lockedObject,
      String blockedStatement, long blockingPid, String blockingState, long blockingTransactionSeconds,
      String blockingStatement) {}

  private static final String TEMPLATE = """
      SELECT w.pid AS blocked_pid,
             extract(epoch FROM now() - %s) AS wait_seconds,
             coalesce(l.mode, '') AS lock_mode,
             CASE WHEN l.relation IS NOT NULL THEN l.relation::regclass::text
                  ELSE coalesce(l.locktype, '') || coalesce(' (a row of ' ||
                      (SELECT string_agg(DISTINCT t.relation::regclass::text, ', ')
                         FROM pg_locks t WHERE t.pid = w.pid AND t.locktype = 'tuple') || ')', '')
             END AS locked_object,
             w.query AS blocked_statement,
             b.pid AS blocking_pid, coalesce(b.state, '') AS blocking_state,
             coalesce(extract(epoch FROM now() - b.xact_start)::bigint, -1) AS blocking_transaction_seconds,
             b.query AS blocking_statement
        FROM pg_stat_activity w
        CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocker(pid)
        JOIN pg_stat_activity b ON b.pid = blocker.pid
        LEFT JOIN LATERAL (SELECT * FROM pg_locks x WHERE x.pid = w.pid AND NOT x.granted LIMIT 1) l ON true
       WHERE w.wait_event_type = 'Lock'
       ORDER BY wait_seconds DESC, w.pid, b.pid
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getLong("blocked_pid"), rs.getDouble("wait_seconds"), rs.getString("lock_mode"),
        rs.getString("locked_object"), rs.getString("blocked_statement"), rs.getLong("blocking_pid"),
        rs.getString("blocking_state"), rs.getLong("blocking_transaction_seconds"),
        rs.getString("blocking_statement"));
  }

  /** Newest first: {@code waitstart} from 14 on, the statement start before. */
  public static final List<CatalogQuery<Row>> VARIANTS = List.of(
      new CatalogQuery<>(140000, TEMPLATE.formatted("coalesce(l.waitstart, w.query_start)"), LockWaitCheck::map),
      CatalogQuery.of(TEMPLATE.formatted("w.query_start"), LockWaitCheck::map));
}
