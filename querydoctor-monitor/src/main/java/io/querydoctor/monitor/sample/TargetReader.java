package io.querydoctor.monitor.sample;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one target's statistics views through its {@link SafeExecutor}: seven small catalog queries, each in its
 * own read-only, rolled-back transaction with the executor's timeouts (the monitor counts those rollbacks so
 * that they are not taken for the application's). Called on the sampling thread.
 */
public final class TargetReader {

  private static final String SERVER = """
      SELECT pg_postmaster_start_time()::text,
             (SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements') > 0
      """;

  private static final String STATEMENTS_RESET = "SELECT stats_reset::text FROM pg_stat_statements_info";

  /**
   * Summed per query id over roles and nesting levels, for this database only; QueryDoctor's own statements
   * (marked by the executor) are left out, so the monitor never diagnoses itself. So are the two
   * transaction-control statements each of its reads starts with, which carry no mark (the driver sends
   * {@code BEGIN}; {@code SET TRANSACTION READ ONLY} is the executor's): the monitor's own BEGINs once fired
   * latency-regression on themselves. An application's identical BEGINs go with them; they have no plan to
   * regress.
   */
  private static final String STATEMENTS = """
      SELECT queryid, min(query), sum(calls)::bigint, sum(total_exec_time), sum(rows)::bigint,
             sum(shared_blks_hit)::bigint, sum(shared_blks_read)::bigint, sum(temp_blks_written)::bigint,
             sum(calls * (stddev_exec_time ^ 2 + mean_exec_time ^ 2))
        FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid IS NOT NULL
         AND query NOT LIKE '/* querydoctor */%' AND query NOT IN ('BEGIN', 'SET TRANSACTION READ ONLY')
       GROUP BY queryid
      """;

  private static final String DATABASE = """
      SELECT xact_commit, xact_rollback, blks_hit, blks_read, temp_files, temp_bytes, deadlocks, stats_reset::text
        FROM pg_stat_database WHERE datname = current_database()
      """;

  private static final String TABLES = """
      SELECT schemaname || '.' || relname, coalesce(seq_scan, 0), coalesce(idx_scan, 0), n_tup_ins, n_tup_upd,
             n_tup_del, n_dead_tup, n_mod_since_analyze
        FROM pg_stat_user_tables
      """;

  /** Client sessions of the whole server; the monitor's own session is left out. */
  private static final String ACTIVITY = """
      SELECT count(*) FILTER (WHERE backend_type = 'client backend'),
             current_setting('max_connections')::int,
             count(*) FILTER (WHERE backend_type = 'client backend' AND state = 'active'),
             count(*) FILTER (WHERE backend_type = 'client backend' AND state = 'idle'),
             count(*) FILTER (WHERE state LIKE 'idle in transaction%'),
             coalesce(max(extract(epoch FROM clock_timestamp() - state_change))
                 FILTER (WHERE state LIKE 'idle in transaction%'), 0),
             coalesce(max(extract(epoch FROM clock_timestamp() - query_start))
                 FILTER (WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()), 0),
             count(*) FILTER (WHERE wait_event_type = 'Lock'),
             count(*) FILTER (WHERE cardinality(pg_blocking_pids(pid)) > 0),
             coalesce(max(extract(epoch FROM clock_timestamp() - state_change))
                 FILTER (WHERE cardinality(pg_blocking_pids(pid)) > 0), 0)
        FROM pg_stat_activity
       WHERE pid <> pg_backend_pid()
      """;

  /** On a standby: time since the last replayed transaction; on a primary: the largest standby replay lag. */
  private static final String REPLICATION_LAG = """
      SELECT CASE WHEN pg_is_in_recovery()
                  THEN extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())
                  ELSE (SELECT extract(epoch FROM max(replay_lag)) FROM pg_stat_replication) END
      """;

  /** What one reading returns. */
  public record Reading(CounterSnapshot counters, Activity activity) {
  }

  private TargetReader() {
  }

  public static Reading read(SafeExecutor executor, Instant readAt) throws SQLException {
    {
      Object[] server = executor.query(SERVER, rs -> new Object[] {rs.getString(1), rs.getBoolean(2)}).get(0);
      boolean statementsInstalled = (Boolean) server[1];
      String statementsReset = statementsInstalled
          ? executor.query(STATEMENTS_RESET, rs -> rs.getString(1)).get(0) : null;
      Map<Long, StatementCounters> statements = new LinkedHashMap<>();
      if (statementsInstalled) {
        executor.query(STATEMENTS, TargetReader::statement).forEach(s -> statements.put(s.queryid(), s));
      }
      DatabaseCounters database = executor.queryOne(DATABASE, TargetReader::database);
      Map<String, TableCounters> tables = new LinkedHashMap<>();
      executor.query(TABLES, TargetReader::table).forEach(t -> tables.put(t.name(), t));
      Activity activity = executor.queryOne(ACTIVITY, TargetReader::activity);
      List<Double> lag = executor.query(REPLICATION_LAG, rs -> {
        double value = rs.getDouble(1);
        return rs.wasNull() ? null : value;
      });
      Activity withLag = lag.isEmpty() || lag.get(0) == null ? activity : withLag(activity, lag.get(0));
      return new Reading(new CounterSnapshot(readAt, (String) server[0], statementsReset, database, statements,
          tables), withLag);
    }
  }

  private static StatementCounters statement(ResultSet rs) throws SQLException {
    return new StatementCounters(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4), rs.getLong(5),
        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getDouble(9));
  }

  private static DatabaseCounters database(ResultSet rs) throws SQLException {
    return new DatabaseCounters(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
        rs.getLong(6), rs.getLong(7), rs.getString(8));
  }

  private static TableCounters table(ResultSet rs) throws SQLException {
    return new TableCounters(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
        rs.getLong(6), rs.getLong(7), rs.getLong(8));
  }

  private static Activity activity(ResultSet rs) throws SQLException {
    return new Activity(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getDouble(6),
        rs.getDouble(7), rs.getInt(8), rs.getInt(9), rs.getDouble(10), null);
  }

  private static Activity withLag(Activity a, double lagSeconds) {
    return new Activity(a.connections(), a.maxConnections(), a.active(), a.idle(), a.idleInTransaction(),
        a.longestIdleInTransactionSeconds(), a.longestQuerySeconds(), a.waiting(), a.blocked(),
        a.longestLockWaitSeconds(), lagSeconds);
  }
}
