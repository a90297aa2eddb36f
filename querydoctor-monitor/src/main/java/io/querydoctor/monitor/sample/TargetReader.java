package io.querydoctor.monitor.sample;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one target's statistics views through its {@link SafeExecutor}: seven small catalog queries (an eighth
 * when statements appeared whose texts are not known yet), each in its own read-only, rolled-back transaction with the executor's timeouts (the monitor counts those rollbacks so
 * that they are not taken for the application's). Called on the sampling thread.
 */
public final class TargetReader {

  private static final String SERVER = """
      SELECT pg_postmaster_start_time()::text,
             (SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements') > 0
      """;

  private static final String STATEMENTS_RESET = "SELECT stats_reset::text FROM pg_stat_statements_info";

  /**
   * Summed per query id over roles and nesting levels, for this database only, without the texts:
   * {@code pg_stat_statements(false)} does not read the query text file, which was most of a sample's cost on a
   * server with thousands of statements. Texts are fetched for query ids seen for the first time only
   * ({@link #TEXTS}).
   */
  private static final String STATEMENTS = """
      SELECT queryid, sum(calls)::bigint, sum(total_exec_time), sum(rows)::bigint,
             sum(shared_blks_hit)::bigint, sum(shared_blks_read)::bigint, sum(temp_blks_written)::bigint,
             sum(calls * (stddev_exec_time ^ 2 + mean_exec_time ^ 2))
        FROM pg_stat_statements(false)
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid IS NOT NULL
       GROUP BY queryid
      """;

  /** The normalized texts of the query ids given (a bigint[] literal), for the new ones only. */
  private static final String TEXTS = """
      SELECT queryid, min(query) FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid = ANY(?::bigint[])
       GROUP BY queryid
      """;

  /**
   * QueryDoctor's own statements (marked by the executor) are left out, so the monitor never diagnoses itself.
   * So are the two transaction-control statements each of its reads starts with, which carry no mark (the driver
   * sends {@code BEGIN}; {@code SET TRANSACTION READ ONLY} is the executor's): the monitor's own BEGINs once fired
   * latency-regression on themselves. An application's identical BEGINs go with them; they have no plan to
   * regress.
   */
  static boolean ownStatement(String text) {
    return text.startsWith("/* querydoctor */") || text.equals("BEGIN") || text.equals("SET TRANSACTION READ ONLY");
  }

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

  /**
   * On a standby: time since the last replayed transaction; on a primary: the largest standby replay lag. A
   * streaming standby that has caught up with an idle primary shows a NULL replay_lag (the server forgets the
   * last measured lag about a second later): that is no lag, not an unknown one, or a replication-lag alert would
   * stay firing until the next write.
   */
  private static final String REPLICATION_LAG = """
      SELECT CASE WHEN pg_is_in_recovery()
                  THEN extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())
                  ELSE (SELECT extract(epoch FROM max(CASE WHEN replay_lag IS NULL AND state = 'streaming'
                                                           THEN interval '0' ELSE replay_lag END))
                        FROM pg_stat_replication) END
      """;

  /** What one reading returns. */
  public record Reading(CounterSnapshot counters, Activity activity) {
  }

  private TargetReader() {
  }

  public static Reading read(SafeExecutor executor, Instant readAt) throws SQLException {
    return read(executor, readAt, null, new java.util.HashSet<>());
  }

  /**
   * Reads the target's counters and activity.
   *
   * @param previous the previous reading, whose statement texts are reused (null: fetch every text)
   * @param ignored query ids of the monitor's own statements, found when their texts were fetched; updated here
   */
  public static Reading read(SafeExecutor executor, Instant readAt, CounterSnapshot previous,
      java.util.Set<Long> ignored) throws SQLException {
    Object[] server = executor.query(SERVER, rs -> new Object[] {rs.getString(1), rs.getBoolean(2)}).get(0);
    boolean statementsInstalled = (Boolean) server[1];
    String statementsReset = statementsInstalled
        ? executor.query(STATEMENTS_RESET, rs -> rs.getString(1)).get(0) : null;
    Map<Long, StatementCounters> statements = statementsInstalled
        ? statements(executor, previous, ignored) : new LinkedHashMap<>();
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

  /** The statements' counters with their texts: known ones from {@code previous}, new ones fetched. */
  private static Map<Long, StatementCounters> statements(SafeExecutor executor, CounterSnapshot previous,
      java.util.Set<Long> ignored) throws SQLException {
    List<StatementCounters> rows = executor.query(STATEMENTS, TargetReader::statement);
    Map<Long, String> texts = new java.util.HashMap<>();
    List<Long> unknown = new java.util.ArrayList<>();
    for (StatementCounters row : rows) {
      StatementCounters known = previous == null ? null : previous.statements().get(row.queryid());
      if (known != null && known.query() != null) {
        texts.put(row.queryid(), known.query());
      } else if (!ignored.contains(row.queryid())) {
        unknown.add(row.queryid());
      }
    }
    if (!unknown.isEmpty()) {
      String ids = unknown.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
      for (Object[] text : executor.query(TEXTS, rs -> new Object[] {rs.getLong(1), rs.getString(2)}, ids)) {
        if (text[1] != null && ownStatement((String) text[1])) {
          ignored.add((Long) text[0]);
        } else {
          texts.put((Long) text[0], (String) text[1]);
        }
      }
    }
    Map<Long, StatementCounters> statements = new LinkedHashMap<>();
    for (StatementCounters row : rows) {
      String text = texts.get(row.queryid());
      // No text: the monitor's own, or evicted between the two reads (it comes back at the next sample).
      if (text != null) {
        statements.put(row.queryid(), row.withQuery(text));
      }
    }
    return statements;
  }

  private static StatementCounters statement(ResultSet rs) throws SQLException {
    return new StatementCounters(rs.getLong(1), null, rs.getLong(2), rs.getDouble(3), rs.getLong(4),
        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8));
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
