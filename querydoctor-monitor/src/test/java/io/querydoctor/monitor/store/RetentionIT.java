package io.querydoctor.monitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Synthetic history at old timestamps (no waiting): samples past the full-resolution window become hourly rollups
 * with the same sums, rollups past their window go, and a size bound drops the oldest full-resolution samples first.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class RetentionIT {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  @Test
  void expiredSamplesBecomeHourlyRollupsWithTheSameSums(EmbeddedServer server) throws Exception {
    try (Connection c = server.connect(server.createUniqueDatabase("retention_store"));
        HistoryStore store = HistoryStore.open(c)) {
      // 20 days of one sample every 10 minutes: 2 query ids, 3 calls and 1.5 ms each per sample.
      history(c, NOW.minus(Duration.ofDays(20)), 20 * 24 * 6, Duration.ofMinutes(10));
      history(c, NOW.minus(Duration.ofDays(100)), 6, Duration.ofMinutes(10)); // one hour, beyond the rollups' 90 days
      long oldCalls = scalar(c, "SELECT sum(d.calls) FROM qd_monitor.statement_delta d JOIN qd_monitor.sample s "
          + "ON s.id = d.sample_id WHERE s.interval_end < '" + NOW.minus(Duration.ofDays(14)) + "'"
          + " AND s.interval_end >= '" + NOW.minus(Duration.ofDays(90)) + "'");

      HistoryStore.Sweep sweep = store.enforceRetention(NOW, Duration.ofDays(14), Duration.ofDays(90), 0);

      // ends at :10 … :00; the one at exactly now - 14 d stays. 6 days less one sample, and the 100-day-old hour.
      assertThat(sweep.expiredSamples()).isEqualTo(6 * 24 * 6 - 1 + 6);
      assertThat(sweep.trimmedSamples()).isZero();
      assertThat(scalar(c, "SELECT count(*) FROM qd_monitor.sample WHERE interval_end < '"
          + NOW.minus(Duration.ofDays(14)) + "'")).isZero();
      assertThat(scalar(c, "SELECT sum(calls) FROM qd_monitor.statement_hourly")).isEqualTo(oldCalls);
      // per hour and query id: 6 samples × 3 calls (the first hour has 5: samples end at :10 … :00 of the next)
      assertThat(scalar(c, "SELECT count(*) FROM qd_monitor.statement_hourly WHERE calls = 18"))
          .isEqualTo((6 * 24 - 1) * 2);
      assertThat(scalar(c, "SELECT count(*) FROM qd_monitor.database_hourly WHERE samples = 6 AND xact_commit = 60"))
          .isEqualTo(6 * 24 - 1);
      assertThat(scalar(c, "SELECT count(*) FROM qd_monitor.statement_hourly WHERE hour < '"
          + NOW.minus(Duration.ofDays(90)) + "'")).isZero();
      assertThat(scalar(c, "SELECT count(*) FROM qd_monitor.sample")).isEqualTo(14 * 24 * 6 + 1);

      // Two later sweeps cut one hour in half: its rollup is added to, not duplicated or replaced.
      Instant split = NOW.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30));
      store.enforceRetention(split, Duration.ofDays(14), Duration.ofDays(90), 0);
      String edge = "SELECT sum(calls) FROM qd_monitor.statement_hourly WHERE hour = '"
          + NOW.minus(Duration.ofDays(13)) + "'";
      assertThat(scalar(c, edge)).isEqualTo(2 * 3 * 3);
      store.enforceRetention(split.plus(Duration.ofMinutes(30)), Duration.ofDays(14), Duration.ofDays(90), 0);
      assertThat(scalar(c, edge)).isEqualTo(2 * 6 * 3);
    }
  }

  @Test
  void aSizeBoundDropsTheOldestFullResolutionSamplesFirst(EmbeddedServer server) throws Exception {
    try (Connection c = server.connect(server.createUniqueDatabase("size_store"));
        HistoryStore store = HistoryStore.open(c)) {
      Instant start = NOW.minus(Duration.ofDays(10));
      history(c, start, 10 * 24 * 6, Duration.ofMinutes(10));
      long before = store.sizeBytes();
      long samples = scalar(c, "SELECT count(*) FROM qd_monitor.sample");
      assertThat(store.enforceRetention(NOW, Duration.ofDays(14), Duration.ofDays(90), before * 2).trimmedSamples())
          .as("under the bound: nothing trimmed").isZero();

      HistoryStore.Sweep sweep = store.enforceRetention(NOW, Duration.ofDays(14), Duration.ofDays(90), before / 2);

      assertThat(sweep.trimmedSamples()).isGreaterThan(0).isLessThan((int) samples);
      assertThat(sweep.sizeBytes()).isLessThan(before);
      // the newest samples stay, the oldest went, and what went is in the rollups
      long left = scalar(c, "SELECT count(*) FROM qd_monitor.sample");
      assertThat(left).isEqualTo(samples - sweep.trimmedSamples());
      assertThat(scalar(c, "SELECT count(*) FROM qd_monitor.sample WHERE interval_end = '" + NOW + "'")).isEqualTo(1);
      assertThat(scalar(c, "SELECT extract(epoch FROM min(interval_end))::bigint FROM qd_monitor.sample"))
          .isGreaterThan(start.getEpochSecond() + 600L * (sweep.trimmedSamples() - 1));
      assertThat(scalar(c, "SELECT sum(calls) FROM qd_monitor.statement_hourly"))
          .isEqualTo(sweep.trimmedSamples() * 6L);
      System.out.printf("size bound: %d bytes before, bound %d, %d of %d samples dropped, %d bytes after%n", before,
          before / 2, sweep.trimmedSamples(), samples, sweep.sizeBytes());
    }
  }

  /** {@code count} samples ending {@code step} apart from {@code first}+step, each with two statements. */
  private static void history(Connection c, Instant first, int count, Duration step) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("""
        WITH s AS (
          INSERT INTO qd_monitor.sample (target, interval_start, interval_end, ok)
          SELECT 'db', ?::timestamptz + (g - 1) * ?::interval, ?::timestamptz + g * ?::interval, true
            FROM generate_series(1, ?) g RETURNING id),
        d AS (INSERT INTO qd_monitor.database_delta SELECT id, 10, 1, 0, 1000, 10, 0, 0, 0 FROM s)
        INSERT INTO qd_monitor.statement_delta (sample_id, queryid, query, calls, total_exec_ms, rows,
               shared_blks_hit, shared_blks_read, temp_blks_written)
        SELECT id, q, 'SELECT ' || q, 3, 1.5, 3, 10, 0, 0 FROM s, (VALUES (11), (22)) v(q)""")) {
      java.sql.Timestamp at = java.sql.Timestamp.from(first);
      String interval = step.toSeconds() + " seconds";
      insert.setTimestamp(1, at);
      insert.setString(2, interval);
      insert.setTimestamp(3, at);
      insert.setString(4, interval);
      insert.setInt(5, count);
      insert.executeUpdate();
    }
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
