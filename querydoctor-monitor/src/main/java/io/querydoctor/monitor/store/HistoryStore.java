package io.querydoctor.monitor.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.monitor.sample.CounterSnapshot;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.sample.StatementCounters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The monitor's history in PostgreSQL (schema {@code qd_monitor}): samples and their deltas, the counters each
 * target was last read at, findings with first/last seen, deploy marks; alerts are in {@link AlertHistory} on
 * the same connection. Thread-safe: every method holds the store's lock (the sampling thread and the
 * notification thread share one connection). When the store was opened with a {@link Connector}, a connection
 * found broken after a failure (the store restarted, the network dropped) is replaced at the next call.
 */
public final class HistoryStore implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Opens a new connection to the store. */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws Exception;
  }

  private final Connector connector;
  private Connection connection;
  private final int schemaVersion;

  private HistoryStore(Connector connector, Connection connection, int schemaVersion) {
    this.connector = connector;
    this.connection = connection;
    this.schemaVersion = schemaVersion;
  }

  /** Takes ownership of {@code connection}, creating or migrating the schema first; never reconnects. */
  public static HistoryStore open(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    return new HistoryStore(null, connection, SchemaMigrations.migrate(connection));
  }

  /** Connects with {@code connector}, creating or migrating the schema, and reconnects when the connection breaks. */
  public static HistoryStore open(Connector connector) throws Exception {
    Connection connection = connector.open();
    connection.setAutoCommit(true);
    return new HistoryStore(connector, connection, SchemaMigrations.migrate(connection));
  }

  public int schemaVersion() {
    return schemaVersion;
  }

  /** The alert log on this store's connection. */
  public AlertHistory alerts() {
    return new AlertHistory(this);
  }

  /** The open connection, reconnecting first when the previous one was found broken. */
  synchronized Connection connection() throws SQLException {
    if (connection == null) {
      if (connector == null) {
        throw new SQLException("the history store's connection was lost");
      }
      try {
        Connection fresh = connector.open();
        fresh.setAutoCommit(true);
        connection = fresh;
      } catch (SQLException e) {
        throw e;
      } catch (Exception e) {
        throw new SQLException("cannot reconnect to the history store: " + e.getMessage(), e);
      }
    }
    return connection;
  }

  /** After a failure: drops the connection if it no longer works, so that the next call reconnects. */
  public synchronized void checkConnection() {
    try {
      if (connection != null && connector != null && !connection.isValid(2)) {
        connection.close();
        connection = null;
      }
    } catch (SQLException e) {
      connection = null;
    }
  }

  /** The counters {@code target} was last read at, so that a restarted monitor continues from them. */
  public synchronized Optional<CounterSnapshot> lastCounters(String target) throws SQLException {
    try (PreparedStatement select = connection().prepareStatement(
        "SELECT state::text FROM qd_monitor.counter_state WHERE target = ?")) {
      select.setString(1, target);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(fromJson(rs.getString(1))) : Optional.empty();
      }
    }
  }

  /**
   * Stores a sample with its deltas and activity, and (when it succeeded) the counters it read, all in one
   * transaction: a crash leaves either the whole sample or none of it. Returns the sample's id.
   */
  public synchronized long record(Sample sample) throws SQLException {
    Connection c = connection();
    c.setAutoCommit(false);
    try {
      long id = insertSample(sample);
      if (sample.deltas() != null) {
        SampleRows.insertDeltas(c, id, sample);
      }
      if (sample.activity() != null) {
        SampleRows.insertActivity(c, id, sample.activity());
      }
      if (sample.counters() != null) {
        saveCounters(sample.target(), sample.counters());
      }
      c.commit();
      c.setAutoCommit(true);
      return id;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
        c.setAutoCommit(true);
      } catch (SQLException broken) {
        e.addSuppressed(broken);
      }
      throw e;
    }
  }

  private long insertSample(Sample sample) throws SQLException {
    try (PreparedStatement insert = connection().prepareStatement("""
        INSERT INTO qd_monitor.sample (target, interval_start, interval_end, ok, error, counters_reset, duration_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
      insert.setString(1, sample.target());
      setInstant(insert, 2, sample.intervalStart());
      setInstant(insert, 3, sample.intervalEnd());
      insert.setBoolean(4, sample.ok());
      insert.setString(5, sample.error());
      insert.setBoolean(6, sample.deltas() != null && sample.deltas().countersReset());
      insert.setDouble(7, sample.durationMs());
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void saveCounters(String target, CounterSnapshot counters) throws SQLException {
    try (PreparedStatement upsert = connection().prepareStatement("""
        INSERT INTO qd_monitor.counter_state (target, sampled_at, state) VALUES (?, ?, ?::jsonb)
        ON CONFLICT (target) DO UPDATE SET sampled_at = excluded.sampled_at, state = excluded.state""")) {
      upsert.setString(1, target);
      setInstant(upsert, 2, counters.readAt());
      upsert.setString(3, toJson(counters));
      upsert.executeUpdate();
    }
  }

  /** Records the findings of a heavy check run: new keys get first_seen = {@code at}, known ones last_seen. */
  public synchronized void recordFindings(String target, List<Finding> findings, Instant at) throws SQLException {
    try (PreparedStatement upsert = connection().prepareStatement("""
        INSERT INTO qd_monitor.finding (target, key, rule_id, severity, title, finding, first_seen, last_seen)
        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)
        ON CONFLICT (target, key) DO UPDATE SET severity = excluded.severity, title = excluded.title,
          finding = excluded.finding, last_seen = excluded.last_seen""")) {
      for (Finding finding : findings) {
        upsert.setString(1, target);
        upsert.setString(2, finding.key());
        upsert.setString(3, finding.ruleId());
        upsert.setString(4, finding.severity().label());
        upsert.setString(5, finding.title());
        upsert.setString(6, JSON.writeValueAsString(finding));
        setInstant(upsert, 7, at);
        setInstant(upsert, 8, at);
        upsert.addBatch();
      }
      upsert.executeBatch();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a finding as JSON", e);
    }
  }

  /** Stores the latency percentiles of one interval (measured or estimated, as each says). */
  public synchronized void recordLatencies(String target, Instant intervalEnd,
      List<io.querydoctor.monitor.log.StatementLatency> latencies) throws SQLException {
    try (PreparedStatement insert = connection().prepareStatement("""
        INSERT INTO qd_monitor.statement_latency (target, interval_end, fingerprint, queryid, query, calls, p50_ms,
          p95_ms, p99_ms, measured) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
      for (io.querydoctor.monitor.log.StatementLatency l : latencies) {
        insert.setString(1, target);
        setInstant(insert, 2, intervalEnd);
        insert.setString(3, l.fingerprint());
        insert.setObject(4, l.queryid(), Types.BIGINT);
        insert.setString(5, l.query());
        insert.setLong(6, l.calls());
        insert.setDouble(7, l.p50Ms());
        insert.setDouble(8, l.p95Ms());
        insert.setDouble(9, l.p99Ms());
        insert.setBoolean(10, l.measured());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Stores one PgBouncer sample: its pools and its statistics' deltas, or the failure. */
  public synchronized void recordPooler(io.querydoctor.monitor.pgbouncer.PoolerSample sample) throws SQLException {
    PoolerRows.insert(connection(), sample);
  }

  /**
   * The measured p95 of {@code queryid} over the intervals ending in {@code (from, to]}: {calls-weighted mean of
   * the intervals' p95 in ms, calls}; {0, 0} when none was measured.
   */
  public synchronized double[] measuredP95(String target, long queryid, Instant from, Instant to)
      throws SQLException {
    try (PreparedStatement select = connection().prepareStatement("""
        SELECT coalesce(sum(p95_ms * calls) / nullif(sum(calls), 0), 0), coalesce(sum(calls), 0)
          FROM qd_monitor.statement_latency
         WHERE target = ? AND queryid = ? AND measured AND interval_end > ? AND interval_end <= ?""")) {
      select.setString(1, target);
      select.setLong(2, queryid);
      setInstant(select, 3, from);
      setInstant(select, 4, to);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return new double[] {rs.getDouble(1), rs.getDouble(2)};
      }
    }
  }

  /** Records a deployment; {@code target} null means it concerns every monitored database. */
  public synchronized void addDeployMark(String label, String target, Instant at) throws SQLException {
    try (PreparedStatement insert = connection().prepareStatement(
        "INSERT INTO qd_monitor.deploy_mark (at, label, target) VALUES (?, ?, ?)")) {
      setInstant(insert, 1, at);
      insert.setString(2, label);
      insert.setString(3, target);
      insert.executeUpdate();
    }
  }

  /** The latest deploy mark for {@code target} (or for every target) at or before {@code at}. */
  public synchronized Optional<Instant> latestDeployMark(String target, Instant at) throws SQLException {
    try (PreparedStatement select = connection().prepareStatement("""
        SELECT max(at) FROM qd_monitor.deploy_mark WHERE (target IS NULL OR target = ?) AND at <= ?""")) {
      select.setString(1, target);
      setInstant(select, 2, at);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        Timestamp max = rs.getTimestamp(1);
        return max == null ? Optional.empty() : Optional.of(max.toInstant());
      }
    }
  }

  /** What {@link #enforceRetention} did. */
  public record Sweep(int expiredSamples, int trimmedSamples, long sizeBytes) {}

  /**
   * Rolls samples older than {@code full} before {@code now} up into hourly rows and deletes them (with their
   * deltas), deletes rollups older than {@code rollups}, resolved alerts, deliveries and findings older than
   * {@code full}; then, when the history takes more than {@code maxBytes} on disk (0: no bound), drops the oldest
   * full-resolution samples (rolled up too) until it is back under 90 % of it. See {@link RetentionSweep}.
   */
  public synchronized Sweep enforceRetention(Instant now, Duration full, Duration rollups, long maxBytes)
      throws SQLException {
    Instant cutoff = now.minus(full);
    RetentionSweep.Result result = new RetentionSweep(connection()).sweep(now, full, rollups, maxBytes);
    for (String sql : List.of(
        "DELETE FROM qd_monitor.alert WHERE state IN ('resolved', 'cancelled') AND updated_at < ?",
        "DELETE FROM qd_monitor.delivery WHERE at < ?",
        "DELETE FROM qd_monitor.finding WHERE last_seen < ?",
        "DELETE FROM qd_monitor.plan_fingerprint WHERE last_seen < ?",
        "DELETE FROM qd_monitor.statement_latency WHERE interval_end < ?",
        "DELETE FROM qd_monitor.pooler_pool WHERE at < ?",
        "DELETE FROM qd_monitor.pooler_stats WHERE at < ?")) {
      try (PreparedStatement delete = connection().prepareStatement(sql)) {
        setInstant(delete, 1, cutoff);
        delete.executeUpdate();
      }
    }
    return new Sweep(result.expiredSamples(), result.trimmedSamples(), result.sizeBytes());
  }

  /** Bytes the history takes on disk (tables, indexes, TOAST). */
  public synchronized long sizeBytes() throws SQLException {
    return RetentionSweep.sizeBytes(connection());
  }

  /**
   * Stores the plan shape of {@code queryid} seen by a heavy run; returns the shape before when it differs (a
   * plan change), empty for an unchanged or a first shape.
   */
  public synchronized Optional<List<String>> recordPlanShape(String target, long queryid, List<String> shape,
      Instant at) throws SQLException {
    return PlanFingerprints.record(connection(), target, queryid, shape, at);
  }

  /** Statement history of one query id in {@code [from, to)}: calls and total time summed. */
  public synchronized StatementCounters statementTotals(String target, long queryid, Instant from, Instant to)
      throws SQLException {
    try (PreparedStatement select = connection().prepareStatement("""
        SELECT coalesce(sum(d.calls), 0), coalesce(sum(d.total_exec_ms), 0), count(*)
          FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
         WHERE s.target = ? AND d.queryid = ? AND s.interval_end > ? AND s.interval_end <= ?""")) {
      select.setString(1, target);
      select.setLong(2, queryid);
      setInstant(select, 3, from);
      setInstant(select, 4, to);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return new StatementCounters(queryid, null, rs.getLong(1), rs.getDouble(2), rs.getLong(3), 0, 0, 0);
      }
    }
  }

  /**
   * For the {@code top} query ids with the most time over the {@code days} days before {@code now}: the mean
   * execution time of each 24-hour slice, oldest first, NaN for a slice with fewer than {@code minCalls} calls.
   */
  public synchronized java.util.Map<Long, double[]> dailyMeans(String target, Instant now, int days, long minCalls,
      int top) throws SQLException {
    java.util.Map<Long, double[]> means = new java.util.LinkedHashMap<>();
    try (PreparedStatement select = connection().prepareStatement("""
        WITH daily AS (
          SELECT d.queryid, floor(extract(epoch FROM (?::timestamptz - s.interval_end)) / 86400)::int AS days_ago,
                 sum(d.calls) AS calls, sum(d.total_exec_ms) AS ms
            FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
           WHERE s.target = ? AND s.interval_end > ? AND s.interval_end <= ?
           GROUP BY 1, 2),
        top AS (SELECT queryid FROM daily GROUP BY queryid ORDER BY sum(ms) DESC LIMIT ?)
        SELECT queryid, days_ago, calls, ms FROM daily WHERE queryid IN (SELECT queryid FROM top)""")) {
      setInstant(select, 1, now);
      select.setString(2, target);
      setInstant(select, 3, now.minus(Duration.ofDays(days)));
      setInstant(select, 4, now);
      select.setInt(5, top);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          double[] daily = means.computeIfAbsent(rs.getLong(1), k -> {
            double[] empty = new double[days];
            java.util.Arrays.fill(empty, Double.NaN);
            return empty;
          });
          int daysAgo = Math.min(rs.getInt(2), days - 1);
          if (rs.getLong(3) >= minCalls) {
            daily[days - 1 - daysAgo] = rs.getDouble(4) / rs.getLong(3);
          }
        }
      }
    }
    return means;
  }

  /** Minutes of successful sampling of {@code target} whose intervals ended in {@code (from, to]}. */
  public synchronized double sampledMinutes(String target, Instant from, Instant to) throws SQLException {
    try (PreparedStatement select = connection().prepareStatement("""
        SELECT coalesce(sum(extract(epoch FROM interval_end - interval_start)), 0) / 60 FROM qd_monitor.sample
         WHERE target = ? AND ok AND interval_start IS NOT NULL AND interval_end > ? AND interval_end <= ?""")) {
      select.setString(1, target);
      setInstant(select, 2, from);
      setInstant(select, 3, to);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getDouble(1);
      }
    }
  }

  /** When {@code queryid} first had calls on {@code target}, within the retained history. */
  public synchronized Optional<Instant> firstSeen(String target, long queryid) throws SQLException {
    try (PreparedStatement select = connection().prepareStatement("""
        SELECT min(s.interval_end) FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s ON s.id = d.sample_id
         WHERE s.target = ? AND d.queryid = ?""")) {
      select.setString(1, target);
      select.setLong(2, queryid);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        Timestamp first = rs.getTimestamp(1);
        return first == null ? Optional.empty() : Optional.of(first.toInstant());
      }
    }
  }

  static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, java.time.OffsetDateTime.ofInstant(value, java.time.ZoneOffset.UTC));
    }
  }

  private static String toJson(CounterSnapshot counters) {
    try {
      return JSON.writeValueAsString(counters);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write counters as JSON", e);
    }
  }

  private static CounterSnapshot fromJson(String json) {
    try {
      return JSON.readValue(json, CounterSnapshot.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored counters are not readable: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }
}
