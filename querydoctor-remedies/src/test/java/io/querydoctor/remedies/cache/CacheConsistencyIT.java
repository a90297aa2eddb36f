package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Correctness under concurrency: threads interleave writes (auto-commit, committed and rolled-back transactions)
 * and cached reads on a few counters for a bounded time, and a checker asserts that no read returns a value
 * older than the last write committed through the data source before the read began. Counters only grow
 * ({@code v = v + 1}), so "older" is "smaller".
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class CacheConsistencyIT {

  private static final int COUNTERS = 4;
  private static final long RUN_MILLIS = 3_000;

  private TestDatabase db;

  @BeforeEach
  void schema(TestDatabase db) throws SQLException {
    this.db = db;
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS counter");
      st.execute("CREATE TABLE counter (id int PRIMARY KEY, v bigint NOT NULL)");
      st.execute("INSERT INTO counter SELECT g, 0 FROM generate_series(0, " + (COUNTERS - 1) + ") g");
    }
  }

  /** What one run saw. */
  record Outcome(long reads, long staleReads, long writes, long hits) {}

  private Outcome run(boolean writeAroundTheCache) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.user());
    config.setMaximumPoolSize(10);
    CaptureSession session = CaptureSession.start(CaptureOptions.defaults());
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("counter").build());
    try (HikariDataSource pool = new HikariDataSource(config)) {
      DataSource ds = cache.wrap(QueryDoctor.wrap(pool, WrapOptions.defaults().withSession(session)));
      DataSource writeTo = writeAroundTheCache ? pool : ds;
      AtomicLongArray committed = new AtomicLongArray(COUNTERS);
      AtomicLong reads = new AtomicLong();
      AtomicLong stale = new AtomicLong();
      AtomicLong writes = new AtomicLong();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        boolean writer = t < 2;
        done.add(threads.submit(() -> {
          while (System.nanoTime() < deadline) {
            int id = ThreadLocalRandom.current().nextInt(COUNTERS);
            if (writer) {
              write(writeTo, id, committed, writes);
            } else {
              long floor = committed.get(id);
              long seen = read(ds, id, ThreadLocalRandom.current().nextInt(4) == 0);
              reads.incrementAndGet();
              if (seen < floor) {
                stale.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      threads.shutdown();
      long hits = cache.statistics().stream().mapToLong(ShapeStatistics::hits).sum();
      return new Outcome(reads.get(), stale.get(), writes.get(), hits);
    } finally {
      session.close();
    }
  }

  /** One increment: auto-commit, a committed transaction, or a rolled-back one (which changes nothing). */
  private static void write(DataSource ds, int id, AtomicLongArray committed, AtomicLong writes) throws SQLException {
    int mode = ThreadLocalRandom.current().nextInt(3);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(mode == 0);
      long value;
      try (PreparedStatement ps = c.prepareStatement("UPDATE counter SET v = v + 1 WHERE id = ? RETURNING v")) {
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          value = rs.getLong(1);
        }
      }
      if (mode == 2) {
        c.rollback();
        c.setAutoCommit(true);
        return;
      }
      if (mode == 1) {
        c.commit();
        c.setAutoCommit(true);
      }
      committed.accumulateAndGet(id, value, Math::max);
      writes.incrementAndGet();
    }
  }

  private static long read(DataSource ds, int id, boolean inTransaction) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(!inTransaction);
      try (PreparedStatement ps = c.prepareStatement("SELECT v FROM counter WHERE id = ?")) {
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong("v");
        }
      } finally {
        if (inTransaction) {
          c.commit();
          c.setAutoCommit(true);
        }
      }
    }
  }

  @Test
  void aReadNeverReturnsARowOlderThanTheLastCommittedWrite() throws Exception {
    Outcome outcome = run(false);
    System.out.println("cache consistency: " + outcome);
    assertThat(outcome.staleReads()).as("stale reads of %s", outcome).isZero();
    assertThat(outcome.writes()).isGreaterThan(50);
    assertThat(outcome.reads()).isGreaterThan(500);
    assertThat(outcome.hits()).as("the cache answered reads").isGreaterThan(outcome.reads() / 10);
  }

  @Test
  void theCheckerCatchesStaleReadsWhenWritesGoAroundTheCache() throws Exception {
    // The same workload writing through the pool directly: the cache cannot see the writes, so with the
    // default TTL of a minute it serves old counters, and the checker must notice.
    Outcome outcome = run(true);
    System.out.println("writes around the cache: " + outcome);
    assertThat(outcome.staleReads()).as("stale reads of %s", outcome).isPositive();
  }
}
