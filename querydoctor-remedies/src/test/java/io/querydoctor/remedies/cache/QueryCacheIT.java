package io.querydoctor.remedies.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import io.querydoctor.remedies.SingleDatabaseSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The result cache on a real PostgreSQL, behind the capturing data source so capture counts real reads. */
@ExtendWith(EmbeddedPostgresExtension.class)
class QueryCacheIT {

  private static final String BY_CODE =
      "SELECT code, name, population, area, joined, active, motto FROM country WHERE code = ?";

  private TestDatabase db;
  private CaptureSession session;

  @BeforeEach
  void schema(TestDatabase db) throws SQLException {
    this.db = db;
    this.session = CaptureSession.start(CaptureOptions.defaults());
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS country, inventory");
      st.execute("CREATE TABLE country (code text PRIMARY KEY, name text, population bigint, area numeric(10,2),"
          + " joined timestamp, active boolean, motto text)");
      st.execute("CREATE TABLE inventory (id int PRIMARY KEY, stock int)");
      st.execute("INSERT INTO country VALUES ('fr', 'France', 68000000, 551695.50, '1958-01-01 00:00:00', true,"
          + " NULL), ('de', 'Germany', 84000000, 357588.00, '1958-01-01 00:00:00', true, 'Einigkeit')");
      st.execute("INSERT INTO inventory VALUES (1, 10)");
    }
  }

  private DataSource cached(QueryCache cache) {
    return cache.wrap(QueryDoctor.wrap(new SingleDatabaseSource(db), WrapOptions.defaults().withSession(session)));
  }

  private long databaseReads(String fragment) {
    return session.aggregate().summaries().stream().filter(s -> s.example().contains(fragment))
        .mapToLong(s -> s.calls()).sum();
  }

  private static String name(DataSource ds, String code) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(BY_CODE)) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString("name") : null;
      }
    }
  }

  private static void update(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  @Test
  void aRepeatedReadIsAnsweredFromMemoryWithTheDriversValues() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country").build());
    DataSource ds = cached(cache);
    for (int i = 0; i < 3; i++) {
      try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(BY_CODE)) {
        ps.setString(1, "fr");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("fr");
          assertThat(rs.getString("NAME")).isEqualTo("France");
          assertThat(rs.getLong("population")).isEqualTo(68_000_000L);
          assertThat(rs.getInt(3)).isEqualTo(68_000_000);
          assertThat(rs.getDouble("area")).isEqualTo(551695.5);
          assertThat(rs.getBigDecimal("area")).isEqualTo(new BigDecimal("551695.50"));
          assertThat(rs.getString("area")).isEqualTo("551695.50");
          assertThat(rs.getBoolean("active")).isTrue();
          assertThat(rs.getString("active")).isEqualTo("t");
          Timestamp joined = rs.getTimestamp("joined");
          assertThat(joined).isEqualTo(Timestamp.valueOf("1958-01-01 00:00:00"));
          joined.setTime(0); // the caller's copy: the cached row must not change
          assertThat(rs.getObject("motto")).isNull();
          assertThat(rs.wasNull()).isTrue();
          assertThat(rs.getInt("population")).isNotZero();
          assertThat(rs.wasNull()).isFalse();
          ResultSetMetaData meta = rs.getMetaData();
          assertThat(meta.getColumnCount()).isEqualTo(7);
          assertThat(meta.getColumnLabel(2)).isEqualTo("name");
          assertThat(meta.getColumnType(3)).isEqualTo(Types.BIGINT);
          assertThat(meta.getColumnTypeName(6)).isEqualTo("bool");
          assertThat(rs.getStatement()).isSameAs(ps);
          assertThat(rs.next()).isFalse();
          assertThatThrownBy(() -> rs.updateString(1, "x")).isInstanceOf(SQLException.class);
        }
      }
    }
    assertThat(databaseReads("FROM country")).isEqualTo(1);
    ShapeStatistics stats = cache.statistics().get(0);
    assertThat(stats.hits()).isEqualTo(2);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.hitRatio()).isEqualTo(2.0 / 3);
  }

  @Test
  void otherValuesAndOtherTextsAreOtherEntries() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country").build());
    DataSource ds = cached(cache);
    assertThat(name(ds, "fr")).isEqualTo("France");
    assertThat(name(ds, "de")).isEqualTo("Germany");
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      for (String code : new String[] {"fr", "de", "fr"}) {
        try (ResultSet rs = st.executeQuery("SELECT name FROM country WHERE code = '" + code + "'")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo(code.equals("fr") ? "France" : "Germany");
        }
      }
    }
    assertThat(databaseReads("FROM country")).isEqualTo(4);
  }

  @Test
  void aWriteThroughTheDataSourceInvalidatesAtOnceInAutoCommit() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country").build());
    DataSource ds = cached(cache);
    assertThat(name(ds, "fr")).isEqualTo("France");
    try (Connection c = ds.getConnection()) {
      update(c, "UPDATE country SET name = 'République française' WHERE code = 'fr'");
    }
    assertThat(name(ds, "fr")).isEqualTo("République française");
    assertThat(cache.statistics().get(0).invalidations()).isEqualTo(1);
    // A write to another table leaves the entry alone.
    try (Connection c = ds.getConnection()) {
      update(c, "UPDATE inventory SET stock = stock - 1");
    }
    assertThat(name(ds, "fr")).isEqualTo("République française");
    assertThat(cache.statistics().get(0).hits()).isEqualTo(1);
  }

  @Test
  void aTransactionsWritesInvalidateAtCommitAndARollbackInvalidatesNothing() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country").build());
    DataSource ds = cached(cache);
    assertThat(name(ds, "fr")).isEqualTo("France");
    try (Connection writer = ds.getConnection()) {
      writer.setAutoCommit(false);
      update(writer, "UPDATE country SET name = 'Rolled back' WHERE code = 'fr'");
      // Inside the transaction its own write is seen (the cache is bypassed), outside the committed row is.
      try (PreparedStatement ps = writer.prepareStatement(BY_CODE)) {
        ps.setString(1, "fr");
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getString("name")).isEqualTo("Rolled back");
        }
      }
      assertThat(name(ds, "fr")).isEqualTo("France");
      writer.rollback();
      assertThat(name(ds, "fr")).isEqualTo("France");
      long hitsBefore = cache.statistics().get(0).hits();
      update(writer, "UPDATE country SET name = 'Committed' WHERE code = 'fr'");
      assertThat(name(ds, "fr")).isEqualTo("France");
      assertThat(cache.statistics().get(0).hits()).isEqualTo(hitsBefore + 1);
      writer.commit();
    }
    assertThat(name(ds, "fr")).isEqualTo("Committed");
    assertThat(cache.statistics().get(0).invalidations()).isEqualTo(1);
  }

  @Test
  void onlyOptedInTablesAreCachedAndNeverCacheWins() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country", "inventory")
        .neverCacheTables("inventory").build());
    DataSource ds = cached(cache);
    for (int i = 0; i < 3; i++) {
      try (Connection c = ds.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT stock FROM inventory WHERE id = 1")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(10);
      }
      // A join with a table that is not opted in is not cached either.
      try (Connection c = ds.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT c.name FROM country c JOIN inventory i ON i.id = 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
    assertThat(databaseReads("FROM inventory")).isEqualTo(3);
    assertThat(databaseReads("FROM country")).isEqualTo(3);
    assertThat(cache.statistics()).isEmpty();
  }

  @Test
  void entriesExpireAfterTheirTablesTtl() throws SQLException {
    AtomicLong nanos = new AtomicLong();
    Ticker ticker = nanos::get;
    QueryCache cache = QueryCache.create(CacheOptions.builder().table("country", Duration.ofSeconds(30))
        .ticker(ticker).build());
    DataSource ds = cached(cache);
    name(ds, "fr");
    // A write the data source cannot see: only the TTL bounds how long the old row is served.
    try (Connection c = db.connect()) {
      update(c, "UPDATE country SET name = 'Outside' WHERE code = 'fr'");
    }
    nanos.addAndGet(Duration.ofSeconds(29).toNanos());
    assertThat(name(ds, "fr")).isEqualTo("France");
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(name(ds, "fr")).isEqualTo("Outside");
    assertThat(cache.statistics().get(0).evictions()).isEqualTo(1);
  }

  @Test
  void aLowHitRatioIsACacheIneffectiveFinding() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("inventory").build());
    DataSource ds = cached(cache);
    try (Connection c = ds.getConnection(); PreparedStatement ps =
        c.prepareStatement("SELECT stock FROM inventory WHERE id = ?")) {
      for (int id = 0; id < 120; id++) {
        ps.setInt(1, id % 100); // 100 distinct keys in 120 lookups: 20 hits
        ps.executeQuery().close();
      }
    }
    assertThat(cache.findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("cache-ineffective");
      assertThat(f.title()).contains("17 %", "120 lookups", "FROM inventory");
    });
  }

  @Test
  void aHighHitRatioAndFewWritesStaySilent() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("inventory").build());
    DataSource ds = cached(cache);
    try (Connection c = ds.getConnection(); PreparedStatement ps =
        c.prepareStatement("SELECT stock FROM inventory WHERE id = ?")) {
      for (int i = 0; i < 150; i++) {
        ps.setInt(1, i % 3);
        ps.executeQuery().close();
        if (i % 10 == 0) {
          update(c, "UPDATE inventory SET stock = stock + 1 WHERE id = 1");
        }
      }
    }
    assertThat(cache.statistics().get(0).hitRatio()).isGreaterThan(0.30);
    assertThat(cache.findings()).isEmpty();
  }

  @Test
  void aTableWrittenMoreOftenThanReadIsACacheWriteHeavyFinding() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("inventory").build());
    DataSource ds = cached(cache);
    try (Connection c = ds.getConnection(); PreparedStatement read =
        c.prepareStatement("SELECT stock FROM inventory WHERE id = ?"); PreparedStatement write =
        c.prepareStatement("UPDATE inventory SET stock = ? WHERE id = 1")) {
      for (int i = 0; i < 30; i++) {
        read.setInt(1, 1);
        read.executeQuery().close();
        write.setInt(1, i);
        write.executeUpdate();
        write.setInt(1, i + 1);
        write.executeUpdate();
      }
    }
    assertThat(cache.findings()).extracting(Finding::ruleId).containsExactly("cache-write-heavy");
    assertThat(cache.findings().get(0).title()).contains("inventory", "60 writes", "30 cached lookups");
  }

  @Test
  void aTransactionBegunAsSqlInvalidatesAtItsSqlCommit() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country").build());
    DataSource ds = cached(cache);
    assertThat(name(ds, "fr")).isEqualTo("France");
    try (Connection writer = ds.getConnection(); Statement st = writer.createStatement()) {
      st.execute("BEGIN");
      st.executeUpdate("UPDATE country SET name = 'Later' WHERE code = 'fr'");
      // Not committed: the cached committed row is still right, and a reader must not store anything newer.
      assertThat(name(ds, "fr")).isEqualTo("France");
      st.execute("COMMIT");
    }
    assertThat(name(ds, "fr")).isEqualTo("Later");
  }

  @Test
  void aRepeatableReadTransactionsReadsAreNotStored() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country").build());
    DataSource ds = cached(cache);
    try (Connection c = ds.getConnection()) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(BY_CODE)) {
        ps.setString(1, "de");
        ps.executeQuery().close();
      }
      c.commit();
    }
    assertThat(name(ds, "de")).isEqualTo("Germany");
    assertThat(name(ds, "de")).isEqualTo("Germany");
    // The transaction's read missed and stored nothing; the first auto-commit read stored, the second hit.
    assertThat(cache.statistics().get(0).misses()).isEqualTo(2);
    assertThat(cache.statistics().get(0).hits()).isEqualTo(1);
  }

  @Test
  void ddlAndTruncateInvalidateEverything() throws SQLException {
    QueryCache cache = QueryCache.create(CacheOptions.builder().tables("country").build());
    DataSource ds = cached(cache);
    assertThat(name(ds, "fr")).isEqualTo("France");
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute("TRUNCATE country");
    }
    assertThat(name(ds, "fr")).isNull();
  }
}
