package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import io.querydoctor.remedies.SingleDatabaseSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two application instances (two independent cache stacks) sharing one Redis tier over one PostgreSQL. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SharedCacheIT {

  private static final String BY_CODE = "SELECT code, name, population, area, joined, active FROM country WHERE code = ?";

  private static RedisServer redis;
  private TestDatabase db;
  private final List<Instance> instances = new ArrayList<>();

  /** One application instance: its own cache, Redis connection and capture (which counts database reads). */
  record Instance(QueryCache cache, RedisTier tier, CaptureSession session, DataSource ds) {
    long databaseReads() {
      return session.aggregate().summaries().stream().filter(s -> s.example().contains("FROM country"))
          .mapToLong(s -> s.calls()).sum();
    }
  }

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
      st.execute("DROP TABLE IF EXISTS country");
      st.execute("CREATE TABLE country (code text PRIMARY KEY, name text, population bigint, area numeric(10,2),"
          + " joined timestamp, active boolean)");
      st.execute("INSERT INTO country VALUES ('fr', 'France', 68000000, 551695.50, '1958-01-01 10:11:12.345678',"
          + " true), ('de', 'Germany', 84000000, 357588.00, '1958-01-01 00:00:00', false)");
    }
  }

  @AfterEach
  void close() {
    for (Instance instance : instances) {
      instance.tier().close();
      instance.session().close();
    }
  }

  private Instance instance() {
    return instance(new SingleDatabaseSource(db));
  }

  private Instance instance(DataSource database) {
    // Each test starts from a flushed Redis: no settling, so the first reads may already share.
    return instance(database, RedisTier.builder(redis.uri()).settleAfterReset(java.time.Duration.ZERO).build());
  }

  private Instance instance(DataSource database, RedisTier tier) {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country").shared(tier).build());
    CaptureSession session = CaptureSession.start(CaptureOptions.defaults());
    DataSource ds = cache.wrap(QueryDoctor.wrap(database, WrapOptions.defaults().withSession(session)));
    Instance instance = new Instance(cache, tier, session, ds);
    instances.add(instance);
    return instance;
  }

  private static long misses(Instance instance) {
    return instance.cache().statistics().stream().mapToLong(ShapeStatistics::misses).sum();
  }

  private static String name(DataSource ds, String code) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(BY_CODE)) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString("name") : null;
      }
    }
  }

  private static void rename(DataSource ds, String code, String name, boolean commit) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("UPDATE country SET name = ? WHERE code = ?")) {
        ps.setString(1, name);
        ps.setString(2, code);
        ps.executeUpdate();
      }
      if (commit) {
        c.commit();
      } else {
        c.rollback();
      }
    }
  }

  @Test
  void anotherInstanceIsAnsweredFromRedisWithTheSameValues() throws SQLException {
    Instance a = instance();
    Instance b = instance();
    List<Object> fromDatabase = row(a.ds());
    List<Object> fromRedis = row(b.ds());

    assertThat(fromRedis).isEqualTo(fromDatabase);
    assertThat(fromDatabase.get(2)).isEqualTo(68000000L);
    assertThat(fromDatabase.get(3)).isEqualTo(new BigDecimal("551695.50"));
    assertThat(fromDatabase.get(4)).isEqualTo(Timestamp.valueOf("1958-01-01 10:11:12.345678"));
    assertThat(a.databaseReads()).isEqualTo(1);
    assertThat(b.databaseReads()).as("B read nothing from the database").isZero();
    assertThat(b.cache().sharedStatistics().hits()).isEqualTo(1);
    assertThat(a.cache().sharedStatistics().stores()).isEqualTo(1);
  }

  @Test
  void afterRedisLostItsCountersReadsGoToTheDatabaseAndStoreNothingUntilTheSettlingEnds() throws Exception {
    // Regression: a reader that reconnected first stored rows under fresh counters that a write held by another
    // instance (not yet reconnected) had already outdated, and served them (55 stale reads in 12 763).
    Instance a = instance(new SingleDatabaseSource(db),
        RedisTier.builder(redis.uri()).settleAfterReset(java.time.Duration.ofMillis(1500)).build());
    assertThat(name(a.ds(), "fr")).isEqualTo("France");
    assertThat(name(a.ds(), "fr")).isEqualTo("France");
    assertThat(a.databaseReads()).as("settling: both reads from the database").isEqualTo(2);
    assertThat(a.cache().sharedStatistics().bypassedReads()).isEqualTo(2);
    assertThat(a.cache().sharedStatistics().stores()).isZero();

    Thread.sleep(1_600);
    assertThat(name(a.ds(), "fr")).isEqualTo("France");
    assertThat(name(a.ds(), "fr")).isEqualTo("France");
    assertThat(a.databaseReads()).as("settled: the third read stored, the fourth was a hit").isEqualTo(3);
    assertThat(a.cache().sharedStatistics().stores()).isEqualTo(1);
  }

  /** Every column by getObject, then getString of the boolean (the driver's own "t"). */
  private static List<Object> row(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(BY_CODE)) {
      ps.setString(1, "fr");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
          row.add(rs.getObject(i));
        }
        row.add(rs.getString("active"));
        row.add(rs.getMetaData().getColumnTypeName(4));
        return row;
      }
    }
  }

  @Test
  void aWriteCommittedThroughOneInstanceOutdatesTheOthersEntries() throws SQLException {
    Instance a = instance();
    Instance b = instance();
    assertThat(name(a.ds(), "fr")).isEqualTo("France");
    assertThat(name(b.ds(), "fr")).isEqualTo("France");
    assertThat(name(b.ds(), "fr")).isEqualTo("France");   // from B's local tier now

    rename(a.ds(), "fr", "République française", false);   // rolled back: invalidates nothing
    assertThat(name(b.ds(), "fr")).isEqualTo("France");
    assertThat(misses(b)).as("B answered from Redis, then from its local tier").isZero();

    rename(a.ds(), "fr", "République française", true);
    assertThat(name(b.ds(), "fr")).isEqualTo("République française");
    assertThat(misses(b)).isEqualTo(1);
    assertThat(name(a.ds(), "fr")).as("A is answered by what B stored").isEqualTo("République française");
    assertThat(a.cache().sharedStatistics().hits()).isEqualTo(1);
  }

  @Test
  void aReadThatStartedBeforeAWriteDoesNotStoreItsOldRowsAfterTheInvalidation() throws Exception {
    Instance a = instance();
    PausingDataSource pausing = new PausingDataSource(new SingleDatabaseSource(db));
    Instance b = instance(pausing);
    CountDownLatch queried = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pausing.pauseNextQuery(queried, release);
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<String> slow = reader.submit(() -> name(b.ds(), "fr"));
      assertThat(queried.await(10, TimeUnit.SECONDS)).isTrue();   // B read the old row, has not stored it yet
      rename(a.ds(), "fr", "Frankreich", true);                    // committed and published meanwhile
      release.countDown();

      assertThat(slow.get()).as("it began before the write: the old row is right for it").isEqualTo("France");
      assertThat(b.cache().sharedStatistics().staleStores()).as("Redis refused the late store").isEqualTo(1);
      assertThat(b.cache().sharedStatistics().stores()).isZero();
      assertThat(name(b.ds(), "fr")).as("nor does B's local tier answer with it").isEqualTo("Frankreich");
      assertThat(name(instance().ds(), "fr")).isEqualTo("Frankreich");
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void aTierThatNeverConnectsLeavesTheApplicationOnTheDatabase() throws SQLException {
    RedisTier nowhere = RedisTier.builder("redis://127.0.0.1:1").connectTimeout(java.time.Duration.ofMillis(200))
        .build();
    try {
      QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country").shared(nowhere).build());
      DataSource ds = cache.wrap(new SingleDatabaseSource(db));
      assertThat(name(ds, "fr")).isEqualTo("France");
      rename(ds, "fr", "Frankrijk", true);
      assertThat(name(ds, "fr")).isEqualTo("Frankrijk");
      assertThat(cache.sharedStatistics().bypassedReads()).isEqualTo(2);
      assertThat(cache.sharedStatistics().failedPublishes()).isEqualTo(1);
      assertThat(cache.size()).as("nothing stored without Redis").isZero();
    } finally {
      nowhere.close();
    }
  }

  @Test
  void withRedisDownReadsGoToTheDatabaseAndNothingEscapes() throws Exception {
    Instance a = instance();
    Instance b = instance();
    assertThat(name(a.ds(), "fr")).isEqualTo("France");
    assertThat(name(b.ds(), "fr")).isEqualTo("France");

    redis.kill();
    rename(a.ds(), "fr", "Francia", true);
    assertThat(name(b.ds(), "fr")).as("B's local entry is not trusted without Redis").isEqualTo("Francia");
    assertThat(name(a.ds(), "fr")).isEqualTo("Francia");
    assertThat(b.cache().sharedStatistics().bypassedReads()).isPositive();
    assertThat(a.cache().sharedStatistics().failedPublishes()).isEqualTo(1);
    assertThat(a.cache().sharedStatistics().pendingTables()).isEqualTo(1);

    redis.start();   // empty: a new epoch outdates every stamp taken before
    long deadline = System.nanoTime() + 15_000_000_000L;
    long readsBefore = b.databaseReads();
    while (b.cache().statistics().get(0).hits() < 3 && System.nanoTime() < deadline) {
      assertThat(name(b.ds(), "fr")).isEqualTo("Francia");
      Thread.sleep(50);
    }
    assertThat(b.cache().statistics().get(0).hits()).as("hits again once Redis is back").isGreaterThanOrEqualTo(3);
    assertThat(b.databaseReads()).isGreaterThan(readsBefore);
    assertThat(name(a.ds(), "fr")).isEqualTo("Francia");
    assertThat(a.cache().sharedStatistics().pendingTables()).as("A published its write once back").isZero();
  }
}
