package io.querydoctor.demo.mariadb;

import java.util.List;

/** The SQL of the demo application on MariaDB, each planted problem's statement next to what makes it one. */
public final class MariaDbDemoQueries {

  private MariaDbDemoQueries() {}

  // N+1: one query per user of the page; without an index on posts.user_id each is also a full scan.
  public static final String ACTIVE_USERS_PAGE =
      "SELECT id, name FROM users WHERE status = 'active' ORDER BY id LIMIT 40";
  public static final String POSTS_OF_USER = "SELECT id, title, created_at FROM posts WHERE user_id = ?";
  /** The healthy twin: one query for the whole page. */
  public static final String POSTS_OF_USERS =
      "SELECT p.user_id, p.id, p.title, p.created_at FROM posts p JOIN (SELECT id FROM users WHERE status = "
          + "'active' ORDER BY id LIMIT 40) u ON u.id = p.user_id";

  // Missing index: recent posts of one author needs (user_id, created_at).
  public static final String RECENT_POSTS_OF_USER =
      "SELECT id, title, created_at FROM posts WHERE user_id = ? AND created_at >= ? AND created_at < ?"
          + " ORDER BY created_at DESC";

  // Non-sargable date filter. MariaDB 11.1+ rewrites DATE(created_at) = ? into a range by itself (MySQL 8 does
  // not), so the demo uses the DATE_FORMAT form that neither can serve from posts_created_at_idx.
  public static final String POSTS_OF_DAY =
      "SELECT id, title FROM posts WHERE DATE_FORMAT(created_at, '%Y-%m-%d') = ?";
  public static final String POSTS_OF_DAY_RANGE =
      "SELECT id, title FROM posts WHERE created_at >= ? AND created_at < ? + INTERVAL 1 DAY";

  // Duplicate and redundant indexes: products_category_idx, its twin, and (category, price) are all there.
  public static final String PRODUCTS_OF_CATEGORY =
      "SELECT id, name, price FROM products WHERE category = ? ORDER BY price LIMIT 20";

  // Unbatched writes: order items one statement each.
  public static final String INSERT_ORDER =
      "INSERT INTO orders (user_id, status, total, created_at) VALUES (?, 'delivered', ?, NOW()) RETURNING id";
  public static final String INSERT_ORDER_ITEM =
      "INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES (?, ?, ?, ?)";

  // Deep OFFSET pagination, and its healthy twin (keyset).
  public static final String POSTS_PAGE =
      "SELECT id, title, created_at FROM posts ORDER BY created_at DESC LIMIT 20 OFFSET ?";
  public static final String POSTS_PAGE_AFTER =
      "SELECT id, title, created_at FROM posts WHERE created_at < ? ORDER BY created_at DESC LIMIT 20";

  // Filesort on a large sort: every user sorted by name with a 32 KB sort buffer.
  public static final String USERS_SORTED_BY_NAME = "SELECT id, email, name, country FROM users ORDER BY name, email";
  public static final String SMALL_SORT_BUFFER = "SET SESSION sort_buffer_size = 32768";
  public static final String DEFAULT_SORT_BUFFER = "SET SESSION sort_buffer_size = DEFAULT";

  // Stale statistics: the query that reads the orders whose statistics are frozen.
  public static final String PENDING_ORDERS_BY_COUNTRY =
      "SELECT o.id, o.total, u.email FROM orders o JOIN users u ON u.id = o.user_id"
          + " WHERE o.status = 'pending' AND u.country = ? AND o.created_at >= ?";

  // The healthy control: well indexed point lookups.
  public static final String USER_BY_ID = "SELECT id, email, name FROM users WHERE id = ?";
  public static final String USER_BY_EMAIL = "SELECT id, name FROM users WHERE email = ?";
  public static final String ORDERS_OF_USER = "SELECT id, status, total FROM orders WHERE user_id = ?";
  public static final String PRODUCT_BY_SKU = "SELECT id, name, price FROM products WHERE sku = ?";
  public static final String ITEMS_OF_ORDER =
      "SELECT product_id, quantity, unit_price FROM order_items WHERE order_id = ?";

  public static final List<String> HEALTHY =
      List.of(USER_BY_ID, USER_BY_EMAIL, ORDERS_OF_USER, PRODUCT_BY_SKU, ITEMS_OF_ORDER);
}
