package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Correctness across instances: two independent cache stacks (own pool, own {@link QueryCache}, own Redis
 * connection: they share nothing but PostgreSQL and Redis, as two JVMs would) interleave writes and cached reads
 * from many threads for a bounded time. The checker: no read returns a counter smaller than the last value
 * committed through either instance before the read began. Once with Redis up, once with Redis killed and
 * brought back (empty) mid-run, and once with one instance not sharing (its writes invisible to the other):
 * the checker must catch that.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class SharedCacheConsistencyIT {

  private static final int COUNTERS = 4;
  private static final long RUN_MILLIS = 3_000;

  private static RedisServer redis;
  private TestDatabase db;

  @BeforeAll
  static void redis() throws Exception {
    redis = RedisServer.startOrSkip();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void schema(TestDatabase db) throws Exception {
    this.db = db;
    if (redis.command("PING") == null) {
      redis.start();
    }
    redis.command("FLUSHALL");
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS counter");
      st.execute("CREATE TABLE counter (id int PRIMARY KEY, v bigint NOT NULL)");
      st.execute("INSERT INTO counter SELECT g, 0 FROM generate_series(0, " + (COUNTERS - 1) + ") g");
    }
  }

  /** What one run saw. */
  record Outcome(long reads, long staleReads, long writes, long hits, long sharedHits, long bypassed) {}

  private HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.user());
    config.setMaximumPoolSize(5);
    return new HikariDataSource(config);
  }

  private Outcome run(boolean killRedis, boolean secondShares) throws Exception {
    RedisTier tierA = RedisTier.builder(redis.uri()).reconnectDelay(java.time.Duration.ofMillis(100)).build();
    RedisTier tierB = RedisTier.builder(redis.uri()).reconnectDelay(java.time.Duration.ofMillis(100)).build();
    QueryCache a = QueryCache.create(CacheOptions.builder().tables("counter").shared(tierA).build());
    CacheOptions.Builder bOptions = CacheOptions.builder().tables("counter");
    QueryCache b = QueryCache.create((secondShares ? bOptions.shared(tierB) : bOptions).build());
    try (HikariDataSource poolA = pool(); HikariDataSource poolB = pool()) {
      DataSource[] instances = {a.wrap(poolA), b.wrap(poolB)};
      AtomicLongArray committed = new AtomicLongArray(COUNTERS);
      AtomicLong reads = new AtomicLong();
      AtomicLong stale = new AtomicLong();
      AtomicLong writes = new AtomicLong();
      long start = System.nanoTime();
      long deadline = start + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        boolean writer = t < 2;
        DataSource ds = instances[t % 2];
        done.add(threads.submit(() -> {
          while (System.nanoTime() < deadline) {
            int id = ThreadLocalRandom.current().nextInt(COUNTERS);
            if (writer) {
              write(ds, id, committed, writes);
            } else {
              long floor = committed.get(id);
              long seen = read(ds, id);
              reads.incrementAndGet();
              if (seen < floor) {
                stale.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      if (killRedis) {
        Thread.sleep(RUN_MILLIS / 3);
        redis.kill();
        Thread.sleep(RUN_MILLIS / 3);
        redis.start();
      }
      for (Future<?> f : done) {
        f.get();
      }
      threads.shutdown();
      long hits = a.statistics().stream().mapToLong(ShapeStatistics::hits).sum()
          + b.statistics().stream().mapToLong(ShapeStatistics::hits).sum();
      long sharedHits = a.sharedStatistics().hits() + (secondShares ? b.sharedStatistics().hits() : 0);
      long bypassed = a.sharedStatistics().bypassedReads() + (secondShares ? b.sharedStatistics().bypassedReads() : 0);
      return new Outcome(reads.get(), stale.get(), writes.get(), hits, sharedHits, bypassed);
    } finally {
      tierA.close();
      tierB.close();
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

  private static long read(DataSource ds, int id) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT v FROM counter WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong("v");
      }
    }
  }

  @Test
  void noReadThroughEitherInstanceIsOlderThanTheLastCommittedWrite() throws Exception {
    Outcome outcome = run(false, true);
    System.out.println("shared cache consistency: " + outcome);
    assertThat(outcome.staleReads()).as("stale reads of %s", outcome).isZero();
    assertThat(outcome.writes()).isGreaterThan(50);
    assertThat(outcome.reads()).isGreaterThan(500);
    assertThat(outcome.hits()).as("the caches answered reads").isGreaterThan(outcome.reads() / 10);
    assertThat(outcome.sharedHits()).as("some from what the other instance stored").isPositive();
  }

  @Test
  void redisKilledMidRunLeavesEveryReadCorrect() throws Exception {
    Outcome outcome = run(true, true);
    System.out.println("shared cache, redis killed for a third of the run: " + outcome);
    assertThat(outcome.staleReads()).as("stale reads of %s", outcome).isZero();
    assertThat(outcome.bypassed()).as("reads went to the database while Redis was down").isPositive();
    assertThat(outcome.hits()).isPositive();
  }

  @Test
  void theCheckerCatchesAnInstanceWhoseWritesTheOtherCannotSee() throws Exception {
    // B keeps a local cache only: A's writes never reach it, so with the default TTL of a minute B serves old
    // counters, and the checker must notice.
    Outcome outcome = run(false, false);
    System.out.println("one instance not sharing: " + outcome);
    assertThat(outcome.staleReads()).as("stale reads of %s", outcome).isPositive();
  }
}
