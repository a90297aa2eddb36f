package io.querydoctor.demo.mariadb;

import io.querydoctor.core.diagnosis.ProgressListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo schema on MariaDB: the PostgreSQL demo's users, posts, products, orders and order items (comments
 * are left out: COUNT(DISTINCT) over a million rows is the PostgreSQL demo's heavy-aggregation case, not a
 * MySQL one), filled with MariaDB's sequence tables ({@code seq_1_to_N}) in a few seconds. The planted build
 * leaves out the index on {@code posts.user_id}, doubles an index on {@code products}, and freezes the
 * statistics of {@code orders} before half of its rows arrive; the healthy build does none of that.
 */
public final class MariaDbDemoDatabase {

  /** Row counts: large enough that a full scan of posts costs tens of milliseconds, small enough to load fast. */
  public static final int USERS = 20_000;
  public static final int POSTS = 60_000;
  public static final int PRODUCTS = 2_000;
  public static final int ORDERS = 50_000;
  public static final int ITEMS = 120_000;

  private final boolean planted;
  private final ProgressListener progress;

  public MariaDbDemoDatabase(boolean planted, ProgressListener progress) {
    this.planted = planted;
    this.progress = progress;
  }

  /** Creates and fills the schema in the (empty) database {@code connection} uses. */
  public void build(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    progress.step("creating the demo schema (MariaDB)");
    execute(connection, schema());
    progress.step("loading demo data");
    execute(connection, List.of(
        "INSERT INTO users (id, email, name, country, status, created_at) SELECT seq, CONCAT('user', seq, "
            + "'@example.com'), CONCAT('User ', seq), ELT(1 + seq % 5, 'US', 'DE', 'FR', 'GB', 'IN'), "
            + "IF(seq % 10 < 7, 'active', 'dormant'), TIMESTAMP'2026-06-30 12:00:00' - INTERVAL seq MINUTE "
            + "FROM seq_1_to_" + USERS,
        "INSERT INTO posts (id, user_id, title, body, created_at) SELECT seq, 1 + (seq * 7919) % " + USERS + ", "
            + "CONCAT('Post ', seq), REPEAT('lorem ipsum ', 8), TIMESTAMP'2026-06-30 12:00:00' - INTERVAL seq * 9 "
            + "MINUTE FROM seq_1_to_" + POSTS,
        "INSERT INTO products (id, sku, name, category, price, created_at) SELECT seq, CONCAT('SKU-', "
            + "LPAD(seq, 7, '0')), CONCAT('Product ', seq), ELT(1 + seq % 8, 'books', 'games', 'garden', 'kitchen', "
            + "'music', 'office', 'sports', 'toys'), 1 + seq % 200, TIMESTAMP'2025-01-01 00:00:00' + INTERVAL seq "
            + "HOUR FROM seq_1_to_" + PRODUCTS,
        orders(1, ORDERS / 2),
        "INSERT INTO order_items (order_id, product_id, quantity, unit_price) SELECT 1 + seq % " + ORDERS + ", "
            + "1 + (seq * 31) % " + PRODUCTS + ", 1 + seq % 3, 1 + seq % 90 FROM seq_1_to_" + ITEMS));
    progress.step("analyzing");
    execute(connection, List.of("ANALYZE TABLE users, posts, products, orders, order_items"));
    // Planted: half of the orders arrive after ANALYZE, and orders has STATS_AUTO_RECALC=0, so the statistics
    // stay those of the first half. Healthy: InnoDB recalculates them itself.
    execute(connection, List.of(orders(ORDERS / 2 + 1, ORDERS)));
    if (!planted) {
      execute(connection, List.of("ANALYZE TABLE orders"));
    }
  }

  private static String orders(int from, int to) {
    return "INSERT INTO orders (id, user_id, status, total, created_at) SELECT seq, 1 + (seq * 104729) % " + USERS
        + ", ELT(1 + seq % 4, 'delivered', 'shipped', 'pending', 'delivered'), 10 + seq % 300, "
        + "TIMESTAMP'2026-06-30 12:00:00' - INTERVAL seq * 7 MINUTE FROM seq_" + from + "_to_" + to;
  }

  private List<String> schema() {
    List<String> ddl = new ArrayList<>(List.of(
        "CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(120) NOT NULL, name VARCHAR(120) NOT NULL, "
            + "country CHAR(2) NOT NULL, status VARCHAR(20) NOT NULL, created_at DATETIME NOT NULL, "
            + "UNIQUE KEY users_email_key (email))",
        "CREATE TABLE posts (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, title VARCHAR(200) NOT NULL, "
            + "body TEXT NOT NULL, created_at DATETIME NOT NULL, KEY posts_created_at_idx (created_at)"
            + (planted ? "" : ", KEY posts_user_id_created_at_idx (user_id, created_at)") + ")",
        "CREATE TABLE products (id BIGINT PRIMARY KEY, sku VARCHAR(20) NOT NULL, name VARCHAR(120) NOT NULL, "
            + "category VARCHAR(40) NOT NULL, price DECIMAL(10,2) NOT NULL, created_at DATETIME NOT NULL, "
            + "UNIQUE KEY products_sku_key (sku), KEY products_category_price_idx (category, price)"
            + (planted ? ", KEY products_category_idx (category), KEY products_category_idx2 (category)" : "") + ")",
        "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, user_id BIGINT NOT NULL, status VARCHAR(20) "
            + "NOT NULL, total DECIMAL(12,2) NOT NULL, created_at DATETIME NOT NULL, KEY orders_user_id_idx (user_id)"
            + (planted ? "" : ", KEY orders_created_at_idx (created_at)") + ") STATS_PERSISTENT=1"
            + (planted ? " STATS_AUTO_RECALC=0" : ""),
        "CREATE TABLE order_items (id BIGINT AUTO_INCREMENT PRIMARY KEY, order_id BIGINT NOT NULL, product_id "
            + "BIGINT NOT NULL, quantity INT NOT NULL, unit_price DECIMAL(10,2) NOT NULL, "
            + "KEY order_items_order_id_idx (order_id), KEY order_items_product_id_idx (product_id))"));
    return ddl;
  }

  private static void execute(Connection connection, List<String> statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
