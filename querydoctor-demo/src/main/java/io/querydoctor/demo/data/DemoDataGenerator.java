package io.querydoctor.demo.data;

import io.querydoctor.core.diagnosis.ProgressListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Generates the demo data deterministically (same seed, same rows) and loads it with COPY.
 *
 * <p>Distributions are chosen so that the planted problems are real: post authors are skewed (a few users
 * write many posts, so "posts of user X" is selective but not trivial), order statuses are mostly
 * {@code delivered} with about 1 % {@code pending} at ANALYZE time, and timestamps spread over one year
 * before a fixed instant so that plans do not depend on the day the demo runs.
 */
public final class DemoDataGenerator {

  /** Every generated timestamp lies in the year before this instant. */
  public static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

  static final String[] COUNTRIES = {"US", "DE", "FR", "GB", "IN", "BR", "JP", "CA", "ES", "IT"};
  /** The product categories; the workload picks from the same list. */
  public static final java.util.List<String> CATEGORIES = java.util.List.of(
    "books", "music", "garden", "toys", "kitchen", "sports", "tools", "office", "pets", "games",
    "beauty", "health", "baby", "auto", "shoes", "bags", "phones", "audio", "camera", "tv");
  private static final String[] WORDS = {
    "query", "index", "table", "fast", "slow", "plan", "cache", "vacuum", "lock", "join", "scan", "sort",
    "batch", "commit", "replica", "shard", "tuple", "page", "buffer", "stats", "planner", "cost", "rows", "time"
  };
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final long YEAR_SECONDS = 365L * 24 * 3600;

  private final DemoScale scale;
  private final long seed;
  private final ProgressListener progress;

  public DemoDataGenerator(DemoScale scale, long seed, ProgressListener progress) {
    this.scale = scale;
    this.seed = seed;
    this.progress = progress;
  }

  /** Loads every table; the schema must exist and the tables must be empty. */
  public void load(Connection connection) throws SQLException {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    users(copy);
    products(copy);
    posts(copy);
    comments(copy);
    orders(copy, 1, scale.orders(), false);
    orderItems(copy);
  }

  /**
   * The bulk change after ANALYZE (planted problem 4): many new orders, all {@code pending}, appended to a
   * table whose statistics still say pending is rare.
   */
  public void loadStaleOrders(Connection connection) throws SQLException {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    orders(copy, scale.orders() + 1, scale.staleOrders(), true);
  }

  private void users(CopyManager copy) throws SQLException {
    SplittableRandom random = new SplittableRandom(seed);
    try (CopyWriter out = start(copy, "users (id, email, name, country, status, created_at)")) {
      for (long id = 1; id <= scale.users(); id++) {
        out.value(id).value("user" + id + "@example.com").value(name(random))
            .value(COUNTRIES[random.nextInt(COUNTRIES.length)])
            .value(random.nextInt(10) == 0 ? "inactive" : "active").raw(timestamp(random)).endRow();
        tick(out, "users", scale.users());
      }
      out.finish();
    }
  }

  private void products(CopyManager copy) throws SQLException {
    SplittableRandom random = new SplittableRandom(seed + 1);
    try (CopyWriter out = start(copy, "products (id, sku, name, category, price, created_at)")) {
      for (long id = 1; id <= scale.products(); id++) {
        out.value(id).value(String.format(Locale.ROOT, "SKU-%07d", id)).value(words(random, 2))
            .value(CATEGORIES.get(random.nextInt(CATEGORIES.size()))).raw(price(random)).raw(timestamp(random))
            .endRow();
      }
      out.finish();
    }
  }

  private void posts(CopyManager copy) throws SQLException {
    SplittableRandom random = new SplittableRandom(seed + 2);
    try (CopyWriter out = start(copy, "posts (id, user_id, title, body, created_at)")) {
      for (long id = 1; id <= scale.posts(); id++) {
        out.value(id).value(skewedUser(random)).value(words(random, 4)).value(words(random, 18))
            .raw(timestamp(random)).endRow();
        tick(out, "posts", scale.posts());
      }
      out.finish();
    }
  }

  private void comments(CopyManager copy) throws SQLException {
    SplittableRandom random = new SplittableRandom(seed + 3);
    try (CopyWriter out = start(copy, "comments (id, post_id, user_id, body, created_at)")) {
      for (long id = 1; id <= scale.comments(); id++) {
        out.value(id).value(1 + random.nextLong(scale.posts())).value(1 + random.nextLong(scale.users()))
            .value(words(random, 10)).raw(timestamp(random)).endRow();
        tick(out, "comments", scale.comments());
      }
      out.finish();
    }
  }

  private void orders(CopyManager copy, long firstId, long count, boolean pending) throws SQLException {
    SplittableRandom random = new SplittableRandom(seed + 4 + firstId);
    String task = pending ? "pending orders" : "orders";
    try (CopyWriter out = start(copy, "orders (id, user_id, status, total, created_at)")) {
      for (long id = firstId; id < firstId + count; id++) {
        out.value(id).value(1 + random.nextLong(scale.users())).value(pending ? "pending" : status(random))
            .raw(price(random)).raw(timestamp(random)).endRow();
        tick(out, task, count);
      }
      out.finish();
    }
  }

  private void orderItems(CopyManager copy) throws SQLException {
    SplittableRandom random = new SplittableRandom(seed + 5);
    try (CopyWriter out = start(copy, "order_items (id, order_id, product_id, quantity, unit_price)")) {
      for (long id = 1; id <= scale.orderItems(); id++) {
        out.value(id).value(1 + random.nextLong(scale.orders())).value(1 + random.nextLong(scale.products()))
            .value(1 + random.nextInt(5)).raw(price(random)).endRow();
        tick(out, "order items", scale.orderItems());
      }
      out.finish();
    }
  }

  private CopyWriter start(CopyManager copy, String tableAndColumns) throws SQLException {
    progress.step("loading " + tableAndColumns.substring(0, tableAndColumns.indexOf(' ')));
    return new CopyWriter(copy.copyIn("COPY " + tableAndColumns + " FROM STDIN"));
  }

  private void tick(CopyWriter out, String task, long total) {
    if (out.rows() % 25_000 == 0) {
      progress.progress(task, out.rows(), total);
    }
  }

  /** 85 % delivered, 10 % shipped, 4 % cancelled, 1 % pending. */
  private static String status(SplittableRandom random) {
    int p = random.nextInt(100);
    return p < 85 ? "delivered" : p < 95 ? "shipped" : p < 99 ? "cancelled" : "pending";
  }

  /** Squaring a uniform number skews authorship toward low user ids: some users write much more. */
  private long skewedUser(SplittableRandom random) {
    double u = random.nextDouble();
    return 1 + (long) (u * u * scale.users());
  }

  private static String timestamp(SplittableRandom random) {
    long secondsAgo = random.nextLong(YEAR_SECONDS);
    return TIMESTAMP.format(NOW.minusSeconds(secondsAgo)) + "+00";
  }

  private static String price(SplittableRandom random) {
    long cents = 100 + random.nextLong(50_000);
    return (cents / 100) + "." + String.format(Locale.ROOT, "%02d", cents % 100);
  }

  private static String name(SplittableRandom random) {
    String first = WORDS[random.nextInt(WORDS.length)];
    return Character.toUpperCase(first.charAt(0)) + first.substring(1) + " " + WORDS[random.nextInt(WORDS.length)];
  }

  private static String words(SplittableRandom random, int count) {
    StringBuilder text = new StringBuilder(count * 7);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }
}
