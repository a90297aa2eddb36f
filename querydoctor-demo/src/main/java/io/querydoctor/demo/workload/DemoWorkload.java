package io.querydoctor.demo.workload;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.data.DemoDataGenerator;
import io.querydoctor.demo.data.DemoScale;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo application's workload: the healthy control and every planted problem but the lock contention
 * (see {@link LockContention}, which must stay open across the diagnosis). Deterministic: the same scale and
 * seed issue the same statements with the same parameters. Each request is one unit of work, run through
 * the {@link ScopeRunner} so that a capture layer can group its statements.
 */
public final class DemoWorkload {

  private final ConnectionSource source;
  private final ScopeRunner scopes;
  private final ProgressListener progress;
  private final DemoScale scale;
  private final SplittableRandom random;

  public DemoWorkload(ConnectionSource source, ScopeRunner scopes, ProgressListener progress, DemoScale scale,
      long seed) {
    this.source = source;
    this.scopes = scopes;
    this.progress = progress;
    this.scale = scale;
    this.random = new SplittableRandom(seed);
  }

  /** Runs every scenario once, in a fixed order, and says what each did. */
  public List<ScenarioRun> run() throws SQLException {
    List<ScenarioRun> runs = new ArrayList<>();
    try (Connection connection = source.open()) {
      runs.add(healthyControl(connection));
      runs.add(usersWithPosts(connection));
      runs.add(recentPostsOfUser(connection));
      runs.add(postsOfDay(connection));
      runs.add(pendingOrders(connection));
      runs.add(productsOfCategory(connection));
      runs.add(placeOrders(connection));
      runs.add(browsePosts(connection));
      runs.add(exportUsers(connection));
      runs.add(commenterStats(connection));
    }
    return runs;
  }

  /** Well-indexed point lookups; about 60 % of the requests. */
  private ScenarioRun healthyControl(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /users/{id}/profile", 150);
    for (int i = 0; i < s.units; i++) {
      long user = randomUser();
      long post = 1 + random.nextLong(scale.posts());
      s.unit(() -> {
        s.query(c, DemoQueries.USER_BY_ID, user);
        s.query(c, DemoQueries.USER_BY_EMAIL, "user" + user + "@example.com");
        s.query(c, DemoQueries.ORDERS_OF_USER, user);
        s.query(c, DemoQueries.COMMENTS_OF_POST, post);
        s.query(c, DemoQueries.PRODUCT_BY_SKU, String.format(java.util.Locale.ROOT, "SKU-%07d",
            1 + random.nextLong(scale.products())));
        s.query(c, DemoQueries.ITEMS_OF_ORDER, 1 + random.nextLong(scale.orders()));
      });
    }
    return s.done();
  }

  /** Planted problem 1: the N+1, which (problem 2) also scans posts once per user. */
  private ScenarioRun usersWithPosts(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /users-with-posts", 3);
    for (int i = 0; i < s.units; i++) {
      s.unit(() -> {
        List<Long> users = s.ids(c, DemoQueries.ACTIVE_USERS_PAGE);
        for (long user : users) {
          s.query(c, DemoQueries.POSTS_OF_USER, user);
        }
      });
    }
    return s.done();
  }

  /** Planted problem 2: needs an index on (user_id, created_at). */
  private ScenarioRun recentPostsOfUser(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /users/{id}/posts/recent", 20);
    Timestamp to = Timestamp.from(DemoDataGenerator.NOW);
    Timestamp from = Timestamp.from(DemoDataGenerator.NOW.minus(30, ChronoUnit.DAYS));
    for (int i = 0; i < s.units; i++) {
      long user = randomUser();
      s.unit(() -> s.query(c, DemoQueries.RECENT_POSTS_OF_USER, user, from, to));
    }
    return s.done();
  }

  /** Planted problem 3: the non-sargable day filter. */
  private ScenarioRun postsOfDay(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /posts/by-day", 10);
    for (int i = 0; i < s.units; i++) {
      LocalDate day = LocalDate.ofInstant(DemoDataGenerator.NOW, ZoneOffset.UTC).minusDays(1 + random.nextInt(300));
      s.unit(() -> s.query(c, DemoQueries.POSTS_OF_DAY, day));
    }
    return s.done();
  }

  /** Planted problem 4: the query whose estimates the stale statistics spoil. */
  private ScenarioRun pendingOrders(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /admin/pending-orders", 5);
    String[] countries = {"US", "DE", "FR", "GB", "IN"};
    for (int i = 0; i < s.units; i++) {
      String country = countries[i % countries.length];
      s.unit(() -> s.query(c, DemoQueries.PENDING_ORDERS_BY_COUNTRY, country));
    }
    return s.done();
  }

  /** Planted problem 5 is in the catalog; this is the query the right index serves. */
  private ScenarioRun productsOfCategory(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /products?category", 20);
    for (int i = 0; i < s.units; i++) {
      String category = DemoDataGenerator.CATEGORIES.get(random.nextInt(DemoDataGenerator.CATEGORIES.size()));
      s.unit(() -> s.query(c, DemoQueries.PRODUCTS_OF_CATEGORY, category));
    }
    return s.done();
  }

  /** Planted problem 6: each order's items inserted one statement at a time. */
  private ScenarioRun placeOrders(Connection c) throws SQLException {
    Scenario s = new Scenario("POST /orders", 5);
    for (int i = 0; i < s.units; i++) {
      long user = randomUser();
      s.unit(() -> {
        c.setAutoCommit(false);
        try {
          long order = s.ids(c, DemoQueries.INSERT_ORDER, user, new java.math.BigDecimal("99.90")).get(0);
          for (int item = 0; item < 12; item++) {
            s.update(c, DemoQueries.INSERT_ORDER_ITEM, order, 1 + random.nextLong(scale.products()),
                1 + random.nextInt(3), new java.math.BigDecimal("8.25"));
          }
          c.commit();
        } finally {
          c.setAutoCommit(true);
        }
      });
    }
    return s.done();
  }

  /** Planted problem 8: deep OFFSET pagination. */
  private ScenarioRun browsePosts(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /posts?page", 5);
    for (int i = 0; i < s.units; i++) {
      long offset = Math.max(1_000, scale.posts() / 10 * (i + 1));
      s.unit(() -> s.query(c, DemoQueries.POSTS_PAGE, offset));
    }
    return s.done();
  }

  /** Planted problem 9: a large sort with a tiny work_mem. */
  private ScenarioRun exportUsers(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /admin/users.csv", 2);
    for (int i = 0; i < s.units; i++) {
      s.unit(() -> {
        try (Statement statement = c.createStatement()) {
          statement.execute(DemoQueries.SMALL_WORK_MEM);
          s.statements++;
        }
        try {
          s.query(c, DemoQueries.USERS_SORTED_BY_NAME);
        } finally {
          try (Statement statement = c.createStatement()) {
            statement.execute("RESET work_mem");
            s.statements++;
          }
        }
      });
    }
    return s.done();
  }

  /** Planted problem 10: COUNT(DISTINCT …) over the largest table. */
  private ScenarioRun commenterStats(Connection c) throws SQLException {
    Scenario s = new Scenario("GET /admin/stats", 2);
    for (int i = 0; i < s.units; i++) {
      s.unit(() -> s.query(c, DemoQueries.DISTINCT_COMMENTERS));
    }
    return s.done();
  }

  private long randomUser() {
    return 1 + random.nextLong(scale.users());
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

    void update(Connection c, String sql, Object... parameters) throws SQLException {
      try (PreparedStatement statement = prepare(c, sql, parameters)) {
        statement.executeUpdate();
      }
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
