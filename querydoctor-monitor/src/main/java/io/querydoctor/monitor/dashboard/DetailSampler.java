package io.querydoctor.monitor.dashboard;

import io.querydoctor.core.sql.Credentials;
import io.querydoctor.core.sql.LiteralRedactor;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard shows beyond the monitor's samples, read on its own thread and its own connections so the
 * monitor's sampling is never delayed: the sessions of {@code pg_stat_activity} (with their statements,
 * redacted, and who blocks whom) every interval; table and index sizes, maintenance and usage every
 * {@link #SIZE_EVERY}; and, at each run, the rollups of full five-minute buckets, hours and days of history
 * ({@link StatementRollup}). Rollups are kept 90 days (five-minute ones as long as full-resolution history). Everything read goes through the same read-only executor as the monitor's.
 */
public final class DetailSampler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DetailSampler.class);
  static final Duration SIZE_EVERY = Duration.ofMinutes(5);
  static final Duration SESSIONS_KEPT = Duration.ofDays(1);

  private static final String SESSIONS = """
      SELECT pid, usename, application_name, coalesce(host(client_addr), 'local'), state,
             extract(epoch FROM clock_timestamp() - xact_start), extract(epoch FROM clock_timestamp() - state_change),
             wait_event_type, pg_blocking_pids(pid), left(query, 2000)
        FROM pg_stat_activity
       WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname = current_database()
         AND query NOT LIKE '/* querydoctor */%'""";

  private static final String TABLES = """
      SELECT c.relname, pg_total_relation_size(c.oid), s.seq_scan, s.n_live_tup, s.n_dead_tup,
             s.n_mod_since_analyze, greatest(s.last_vacuum, s.last_autovacuum),
             greatest(s.last_analyze, s.last_autoanalyze), age(c.relfrozenxid), array_to_string(c.reloptions, ', ')
        FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid""";

  private static final String INDEXES = """
      SELECT s.indexrelname, s.relname, pg_relation_size(s.indexrelid), s.idx_scan, pg_get_indexdef(s.indexrelid),
             i.indisvalid
        FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid""";

  private static final String DATABASE = """
      SELECT pg_database_size(current_database()), age(datfrozenxid) FROM pg_database
       WHERE datname = current_database()""";

  private final DashboardStore store;
  private final List<MonitoredTarget> targets;
  private final Clock clock;
  private final Duration retention;
  private final StatementRollup rollup;
  private final java.util.Map<String, Instant> lastSizes = new java.util.HashMap<>();
  private ScheduledExecutorService scheduler;
  private IndexSuggestions suggestions;

  public DetailSampler(DashboardStore store, List<MonitoredTarget> targets, Clock clock, Duration retention) {
    this.store = store;
    this.targets = List.copyOf(targets);
    this.clock = clock;
    this.retention = retention;
    this.rollup = new StatementRollup(store);
  }

  /** Also runs the index advisor, every {@link IndexSuggestions#EVERY}, after the samples. */
  DetailSampler withSuggestions(IndexSuggestions value) {
    this.suggestions = value;
    return this;
  }

  /** Samples now and then every {@code interval} on a daemon thread. */
  public void start(Duration interval) {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "querydoctor-dashboard-sampler");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleAtFixedRate(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sampleQuietly() {
    try {
      sample();
    } catch (RuntimeException e) {
      LOG.warn("dashboard detail sample failed: {}", e.getMessage());
    }
  }

  /** One round over every target: each part that fails is logged and skipped. */
  public void sample() {
    Instant now = clock.instant();
    for (MonitoredTarget target : targets) {
      synchronized (target) {
        try {
          sessions(target, now);
          if (sizesDue(target.name(), now)) {
            relations(target, now);
            lastSizes.put(target.name(), now);
          }
        } catch (Exception e) {
          LOG.warn("dashboard detail sample of {} failed: {}", target.name(), e.getMessage());
          target.disconnect();
        }
      }
      try {
        rollup.catchUp(target.name(), now);
      } catch (SQLException | RuntimeException e) {
        LOG.warn("statement rollup of {} failed: {}", target.name(), e.getMessage());
      }
    }
    if (suggestions != null) {
      suggestions.refreshDue(now);
    }
    try {
      store.update("DELETE FROM qd_monitor.session_snapshot WHERE at < ?", now.minus(SESSIONS_KEPT));
      store.update("DELETE FROM qd_monitor.relation_snapshot WHERE at < ?", now.minus(retention));
      store.update("DELETE FROM qd_monitor.database_size WHERE at < ?", now.minus(Duration.ofDays(90)));
      store.update("DELETE FROM qd_monitor.statement_rollup_hour WHERE hour < ?", now.minus(Duration.ofDays(90)));
      store.update("DELETE FROM qd_monitor.statement_rollup_day WHERE day < ?", now.minus(Duration.ofDays(90)));
      store.update("DELETE FROM qd_monitor.database_rollup_hour WHERE hour < ?", now.minus(Duration.ofDays(90)));
      store.update("DELETE FROM qd_monitor.statement_rollup_5m WHERE bucket < ?", now.minus(retention));
    } catch (SQLException e) {
      LOG.warn("dashboard history cleanup failed: {}", e.getMessage());
    }
  }

  private boolean sizesDue(String target, Instant now) {
    Instant last = lastSizes.get(target);
    return last == null || Duration.between(last, now).compareTo(SIZE_EVERY) >= 0;
  }

  private void sessions(MonitoredTarget target, Instant now) throws Exception {
    SafeExecutor executor = target.executor();
    List<Object[]> rows = executor.query(SESSIONS, rs -> new Object[] {rs.getInt(1), rs.getString(2),
        rs.getString(3), rs.getString(4), rs.getString(5), nullable(rs.getDouble(6), rs.wasNull()),
        nullable(rs.getDouble(7), rs.wasNull()), rs.getString(8), blockers(rs.getArray(9)), redact(rs.getString(10))});
    store.run(c -> {
      try (var insert = c.prepareStatement("""
          INSERT INTO qd_monitor.session_snapshot (target, at, pid, usename, application_name, client, state,
            xact_age_s, state_age_s, wait_event, blocked_by, query) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
        for (Object[] row : rows) {
          Object[] values = new Object[12];
          values[0] = target.name();
          values[1] = now;
          System.arraycopy(row, 0, values, 2, 10);
          values[10] = c.createArrayOf("int4", (Integer[]) row[8]);
          DashboardStore.bind(insert, values);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      return null;
    });
  }

  private void relations(MonitoredTarget target, Instant now) throws Exception {
    SafeExecutor executor = target.executor();
    List<Object[]> tables = executor.query(TABLES, rs -> new Object[] {"table", rs.getString(1), rs.getString(1),
        rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getTimestamp(7),
        rs.getTimestamp(8), rs.getLong(9), rs.getString(10), true});
    List<Object[]> indexes = executor.query(INDEXES, rs -> new Object[] {"index", rs.getString(1), rs.getString(2),
        rs.getLong(3), rs.getLong(4), null, null, null, null, null, null, rs.getString(5), rs.getBoolean(6)});
    Object[] database = executor.query(DATABASE, rs -> new Object[] {rs.getLong(1), rs.getLong(2)}).get(0);
    store.run(c -> {
      try (var insert = c.prepareStatement("""
          INSERT INTO qd_monitor.relation_snapshot (target, at, kind, name, table_name, bytes, scans, live_tuples,
            dead_tuples, mods_since_analyze, last_vacuum, last_analyze, xid_age, options, valid)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
        for (List<Object[]> rows : List.of(tables, indexes)) {
          for (Object[] row : rows) {
            Object[] values = new Object[15];
            values[0] = target.name();
            values[1] = now;
            System.arraycopy(row, 0, values, 2, 13);
            for (int i = 0; i < values.length; i++) {
              if (values[i] instanceof java.sql.Timestamp t) {
                values[i] = t.toInstant();
              }
            }
            DashboardStore.bind(insert, values);
            insert.addBatch();
          }
        }
        insert.executeBatch();
      }
      return null;
    });
    store.update("INSERT INTO qd_monitor.database_size (target, at, bytes, xid_age) VALUES (?, ?, ?, ?) "
        + "ON CONFLICT DO NOTHING", target.name(), now, database[0], database[1]);
  }

  private static Double nullable(double value, boolean wasNull) {
    return wasNull ? null : value;
  }

  private static Integer[] blockers(Array array) throws SQLException {
    return array == null ? new Integer[0] : (Integer[]) array.getArray();
  }

  /** Statements are kept without their literal values, as reports show them. */
  static String redact(String sql) {
    return sql == null ? null : LiteralRedactor.sql(Credentials.strip(sql));
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    targets.forEach(MonitoredTarget::disconnect);
    if (suggestions != null) {
      suggestions.close();
    }
  }
}
