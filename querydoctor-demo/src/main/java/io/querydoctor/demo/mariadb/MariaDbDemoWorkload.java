package io.querydoctor.demo.mariadb;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.workload.ConnectionSource;
import io.querydoctor.demo.workload.ScenarioRun;
import io.querydoctor.demo.workload.ScopeRunner;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo application's workload on MariaDB. Planted, it makes the mistakes of {@link MariaDbPlantedProblem}
 * (all but the held lock, which {@code LockContention} keeps open across the diagnosis); healthy, it does the
 * same work the right way: one query for a page of users' posts, batched inserts, keyset pagination, a range
 * instead of a formatted date, no unbounded sort. Deterministic for a given seed.
 */
public final class MariaDbDemoWorkload {

  private static final LocalDateTime NOW = LocalDateTime.of(2026, 6, 30, 12, 0);
  private static final List<String> CATEGORIES =
      List.of("books", "games", "garden", "kitchen", "music", "office", "sports", "toys");

  private final ConnectionSource source;
  private final ScopeRunner scopes;
  private final ProgressListener progress;
  private final boolean planted;
  private final SplittableRandom random;

  public MariaDbDemoWorkload(ConnectionSource source, ScopeRunner scopes, ProgressListener progress,
      boolean planted, long seed) {
    this.source = source;
    this.scopes = scopes;
    this.progress = progress;
    this.planted = planted;
    this.random = new SplittableRandom(seed);
  }

  public List<ScenarioRun> run() throws SQLException {
    List<ScenarioRun> runs = new ArrayList<>();
    try (Connection c = source.open()) {
      runs.add(profiles(c));
      runs.add(usersWithPosts(c));
      runs.add(recentPosts(c));
      runs.add(postsOfDay(c));
      runs.add(productsOfCategory(c));
      runs.add(placeOrders(c));
      runs.add(browsePosts(c));
      runs.add(pendingOrders(c));
      if (planted) {
        runs.add(exportUsers(c));
      }
    }
    return runs;
  }

  private ScenarioRun profiles(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /users/{id}/profile", 100);
    for (int i = 0; i < s.units; i++) {
      long user = 1 + random.nextLong(MariaDbDemoDatabase.USERS);
      long order = 1 + random.nextLong(MariaDbDemoDatabase.ORDERS);
      String sku = String.format(java.util.Locale.ROOT, "SKU-%07d", 1 + random.nextLong(MariaDbDemoDatabase.PRODUCTS));
      s.unit(() -> {
        s.query(c, MariaDbDemoQueries.USER_BY_ID, user);
        s.query(c, MariaDbDemoQueries.USER_BY_EMAIL, "user" + user + "@example.com");
        s.query(c, MariaDbDemoQueries.ORDERS_OF_USER, user);
        s.query(c, MariaDbDemoQueries.PRODUCT_BY_SKU, sku);
        s.query(c, MariaDbDemoQueries.ITEMS_OF_ORDER, order);
      });
    }
    return s.done();
  }

  private ScenarioRun usersWithPosts(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /users-with-posts", 2);
    for (int i = 0; i < s.units; i++) {
      s.unit(() -> {
        if (!planted) {
          s.query(c, MariaDbDemoQueries.POSTS_OF_USERS);
          return;
        }
        for (long user : s.ids(c, MariaDbDemoQueries.ACTIVE_USERS_PAGE)) {
          s.query(c, MariaDbDemoQueries.POSTS_OF_USER, user);
        }
      });
    }
    return s.done();
  }

  private ScenarioRun recentPosts(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /users/{id}/posts/recent", 10);
    Timestamp to = Timestamp.valueOf(NOW);
    Timestamp from = Timestamp.valueOf(NOW.minusDays(30));
    for (int i = 0; i < s.units; i++) {
      long user = 1 + random.nextLong(MariaDbDemoDatabase.USERS);
      s.unit(() -> s.query(c, MariaDbDemoQueries.RECENT_POSTS_OF_USER, user, from, to));
    }
    return s.done();
  }

  private ScenarioRun postsOfDay(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /posts/by-day", 5);
    for (int i = 0; i < s.units; i++) {
      LocalDate day = NOW.toLocalDate().minusDays(1 + random.nextInt(300));
      s.unit(() -> {
        if (planted) {
          s.query(c, MariaDbDemoQueries.POSTS_OF_DAY, day.toString());
        } else {
          Timestamp start = Timestamp.valueOf(day.atStartOfDay());
          s.query(c, MariaDbDemoQueries.POSTS_OF_DAY_RANGE, start, start);
        }
      });
    }
    return s.done();
  }

  private ScenarioRun productsOfCategory(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /products?category", 20);
    for (int i = 0; i < s.units; i++) {
      String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
      s.unit(() -> s.query(c, MariaDbDemoQueries.PRODUCTS_OF_CATEGORY, category));
    }
    return s.done();
  }

  private ScenarioRun placeOrders(Connection c) throws SQLException {
    Scenario s = new Scenario("POST /orders", 5);
    for (int i = 0; i < s.units; i++) {
      long user = 1 + random.nextLong(MariaDbDemoDatabase.USERS);
      s.unit(() -> {
        c.setAutoCommit(false);
        try {
          long order = s.ids(c, MariaDbDemoQueries.INSERT_ORDER, user, new BigDecimal("99.90")).get(0);
          try (PreparedStatement item = c.prepareStatement(MariaDbDemoQueries.INSERT_ORDER_ITEM)) {
            for (int n = 0; n < 12; n++) {
              item.setLong(1, order);
              item.setLong(2, 1 + random.nextLong(MariaDbDemoDatabase.PRODUCTS));
              item.setInt(3, 1 + random.nextInt(3));
              item.setBigDecimal(4, new BigDecimal("8.25"));
              if (planted) {
                item.executeUpdate();
              } else {
                item.addBatch();
              }
              s.statements++;
            }
            if (!planted) {
              item.executeBatch();
            }
          }
          c.commit();
        } finally {
          c.setAutoCommit(true);
        }
      });
    }
    return s.done();
  }

  private ScenarioRun browsePosts(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /posts?page", 5);
    for (int i = 0; i < s.units; i++) {
      long offset = 6_000L * (i + 1);
      Timestamp before = Timestamp.valueOf(NOW.minusMinutes(9 * offset));
      s.unit(() -> {
        if (planted) {
          s.query(c, MariaDbDemoQueries.POSTS_PAGE, offset);
        } else {
          s.query(c, MariaDbDemoQueries.POSTS_PAGE_AFTER, before);
        }
      });
    }
    return s.done();
  }

  private ScenarioRun pendingOrders(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /admin/pending-orders", 5);
    String[] countries = {"US", "DE", "FR", "GB", "IN"};
    Timestamp since = Timestamp.valueOf(NOW.minusDays(2));
    for (int i = 0; i < s.units; i++) {
      String country = countries[i % countries.length];
      s.unit(() -> s.query(c, MariaDbDemoQueries.PENDING_ORDERS_BY_COUNTRY, country, since));
    }
    return s.done();
  }

  private ScenarioRun exportUsers(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /admin/users.csv", 2);
    for (int i = 0; i < s.units; i++) {
      s.unit(() -> {
        try (Statement statement = c.createStatement()) {
          statement.execute(MariaDbDemoQueries.SMALL_SORT_BUFFER);
          s.statements++;
          try {
            s.query(c, MariaDbDemoQueries.USERS_SORTED_BY_NAME);
          } finally {
            statement.execute(MariaDbDemoQueries.DEFAULT_SORT_BUFFER);
            s.statements++;
          }
        }
      });
    }
    return s.done();
  }

  /** Counts and times the units of work of one scenario. */
  private final class Scenario {
    final String name;
    final int units;
    int statements;
    private int done;
    private long elapsedNanos;

    Scenario(String name, int units) {
      this.name = name;
      this.units = units;
    }

    void unit(ScopeRunner.Work work) throws SQLException {
      long start = System.nanoTime();
      scopes.run(name, work);
      elapsedNanos += System.nanoTime() - start;
      progress.progress(name, ++done, units);
    }

    void query(Connection c, String sql, Object... parameters) throws SQLException {
      try (PreparedStatement statement = prepare(c, sql, parameters); ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          // The application reads every row.
        }
      }
    }

    List<Long> ids(Connection c, String sql, Object... parameters) throws SQLException {
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement statement = prepare(c, sql, parameters); ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }

    private PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
      PreparedStatement statement = c.prepareStatement(sql);
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statements++;
      return statement;
    }

    ScenarioRun done() {
      return new ScenarioRun(name, units, statements, elapsedNanos / 1e6);
    }
  }
}
