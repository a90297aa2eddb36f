package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
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
      for (DataSource ds : instances) {
        read(ds, 0);   // connects both to Redis before the clock starts: the kill must find them connected
      }
      Counts counts = workload(instances, new AtomicLongArray(COUNTERS),
          killRedis ? SharedCacheConsistencyIT::killAndRestartRedis : () -> {});
      long hits = a.statistics().stream().mapToLong(ShapeStatistics::hits).sum()
          + b.statistics().stream().mapToLong(ShapeStatistics::hits).sum();
      long sharedHits = a.sharedStatistics().hits() + (secondShares ? b.sharedStatistics().hits() : 0);
      long bypassed = a.sharedStatistics().bypassedReads() + (secondShares ? b.sharedStatistics().bypassedReads() : 0);
      return new Outcome(counts.reads(), counts.stale(), counts.writes(), hits, sharedHits, bypassed);
    } finally {
      tierA.close();
      tierB.close();
    }
  }

  /** What the checker counted. */
  record Counts(long reads, long stale, long writes) {}

  /** A task run on the test's thread while the workload runs. */
  @FunctionalInterface
  interface MidRun {
    void run() throws Exception;
  }

  private static void killAndRestartRedis() throws Exception {
    Thread.sleep(RUN_MILLIS / 3);
    redis.kill();
    Thread.sleep(RUN_MILLIS / 3);
    redis.start();
  }

  /**
   * Eight threads for {@link #RUN_MILLIS}, spread over {@code instances}: two write, six read and check each read
   * against {@code committed} as it was when the read began (which other writers may raise too).
   */
  private static Counts workload(DataSource[] instances, AtomicLongArray committed, MidRun midRun)
      throws Exception {
    AtomicLong reads = new AtomicLong();
    AtomicLong stale = new AtomicLong();
    AtomicLong writes = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      boolean writer = t < 2;
      DataSource ds = instances[t % instances.length];
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
    midRun.run();
    for (Future<?> f : done) {
      f.get();
    }
    threads.shutdown();
    return new Counts(reads.get(), stale.get(), writes.get());
  }

  /**
   * One increment: auto-commit, a committed transaction, or a rolled-back one (which changes nothing). Returns
   * the value committed, or -1 when rolled back.
   */
  static long write(DataSource ds, int id, AtomicLongArray committed, AtomicLong writes) throws SQLException {
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
        return -1;
      }
      if (mode == 1) {
        c.commit();
        c.setAutoCommit(true);
      }
      committed.accumulateAndGet(id, value, Math::max);
      writes.incrementAndGet();
      return value;
    }
  }

  static long read(DataSource ds, int id) throws SQLException {
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
    // How many reads hit depends on how often the two writers outdate the one table between reads (measured from
    // 333 to 35 228 of 12 000–42 000 reads on the shared machine), so only that the caches answered is asserted.
    assertThat(outcome.hits()).as("the caches answered reads").isPositive();
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
  void anotherJvmSharingTheTierLeavesEveryReadCorrect() throws Exception {
    // The other instance runs in a forked JVM and prints each value it committed; the checker here raises its
    // floors as those lines arrive (a little after the commit, so it can only miss a stale read, never invent
    // one), and the forked instance checks its own reads against its own writes.
    String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBinary, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), CacheInstanceProcess.class.getName(), db.jdbcUrl(), db.user(),
        redis.uri(), Long.toString(RUN_MILLIS), Integer.toString(COUNTERS))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    AtomicLongArray committed = new AtomicLongArray(COUNTERS);
    CountDownLatch ready = new CountDownLatch(1);
    AtomicReference<String> summary = new AtomicReference<>();
    AtomicLong childWritesSeen = new AtomicLong();
    Thread pump = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(
          child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String[] f = line.split(" ");
          if (f[0].equals("READY")) {
            ready.countDown();
          } else if (f[0].equals("W")) {
            committed.accumulateAndGet(Integer.parseInt(f[1]), Long.parseLong(f[2]), Math::max);
            childWritesSeen.incrementAndGet();
          } else if (f[0].equals("DONE")) {
            summary.set(line);
          }
        }
      } catch (IOException e) {
        // The child ended; its summary (or its absence) tells.
      }
    });
    pump.start();
    RedisTier tier = RedisTier.builder(redis.uri()).build();
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("counter").shared(tier).build());
    try (HikariDataSource pool = pool()) {
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("the forked instance started").isTrue();
      Counts here = workload(new DataSource[] {cache.wrap(pool)}, committed, () -> {});
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      pump.join(5_000);
      String[] there = String.valueOf(summary.get()).split(" ");
      System.out.println("this JVM: " + here + ", shared " + cache.sharedStatistics() + "; forked JVM: "
          + summary.get() + ", its writes seen here " + childWritesSeen.get());
      assertThat(there[0]).as("the forked instance's summary").isEqualTo("DONE");
      assertThat(here.stale()).as("stale reads here of %s", here).isZero();
      assertThat(Long.parseLong(there[2])).as("stale reads in the forked JVM").isZero();
      assertThat(childWritesSeen.get()).isGreaterThan(20);
      assertThat(here.reads()).isGreaterThan(500);
      assertThat(cache.sharedStatistics().hits()).as("answered from what the other JVM stored").isPositive();
    } finally {
      child.destroyForcibly();
      tier.close();
    }
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
