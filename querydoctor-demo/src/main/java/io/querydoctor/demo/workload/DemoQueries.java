package io.querydoctor.demo.workload;

/**
 * The SQL of the demo application. Each planted problem's statement is here, next to a note on what makes
 * it a problem, so that tests, {@code explain} and the documentation all point at the same text.
 */
public final class DemoQueries {

  private DemoQueries() {}

  // ---- Planted problem 1: N+1 ("list 100 users with their posts", one query per user).
  /** The parent query of the N+1. */
  public static final String ACTIVE_USERS_PAGE =
      "SELECT id, name FROM users WHERE status = 'active' ORDER BY id LIMIT 100";
  /** Run once per user of {@link #ACTIVE_USERS_PAGE}; with no index on posts.user_id each is a Seq Scan. */
  public static final String POSTS_OF_USER = "SELECT id, title, created_at FROM posts WHERE user_id = ?";

  // ---- Planted problem 2: no index on the foreign key posts.user_id.
  /** Recent posts of one author: needs (user_id, created_at); today a Seq Scan of posts. */
  public static final String RECENT_POSTS_OF_USER =
      "SELECT id, title, created_at FROM posts WHERE user_id = ? AND created_at >= ? AND created_at < ?"
          + " ORDER BY created_at DESC";

  // ---- Planted problem 3: a non-sargable time filter on an indexed column.
  /** {@code created_at::date = ?} hides posts_created_at_idx; the range form would use it. */
  public static final String POSTS_OF_DAY = "SELECT id, title FROM posts WHERE created_at::date = ?";

  // ---- Planted problem 4: stale statistics on orders (bulk insert after ANALYZE, autovacuum off).
  /** The planner believes pending orders are rare (1 %); after the bulk change they are a third. */
  public static final String PENDING_ORDERS_BY_COUNTRY =
      "SELECT o.id, o.total, u.email FROM orders o JOIN users u ON u.id = o.user_id"
          + " WHERE o.status = 'pending' AND u.country = ?";

  // ---- Planted problem 5: over-indexing (duplicate and redundant indexes on products); catalog only.
  /** Served by products_category_price_idx; the two (category) indexes only cost writes. */
  public static final String PRODUCTS_OF_CATEGORY =
      "SELECT id, name, price FROM products WHERE category = ? ORDER BY price LIMIT 20";

  // ---- Planted problem 6: unbatched writes.
  public static final String INSERT_ORDER =
      "INSERT INTO orders (user_id, status, total, created_at) VALUES (?, 'delivered', ?, now()) RETURNING id";
  /** Inserted one statement per item instead of one batch. */
  public static final String INSERT_ORDER_ITEM =
      "INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES (?, ?, ?, ?)";

  // ---- Planted problem 7: a long transaction holding a row lock while the application does slow work.
  public static final String LOCK_ORDER = "SELECT id, status FROM orders WHERE id = ? FOR UPDATE";
  public static final String SHIP_ORDER = "UPDATE orders SET status = 'shipped' WHERE id = ?";

  // ---- Planted problem 8: deep OFFSET pagination.
  public static final String POSTS_PAGE =
      "SELECT id, title, created_at FROM posts ORDER BY created_at DESC LIMIT 20 OFFSET ?";

  // ---- Planted problem 9: a large sort with a small work_mem (the session sets work_mem to 64kB).
  public static final String USERS_SORTED_BY_NAME = "SELECT id, email, name, country FROM users ORDER BY name, email";
  public static final String SMALL_WORK_MEM = "SET work_mem = '64kB'";

  // ---- Planted problem 10: COUNT(DISTINCT …) over the largest table.
  public static final String DISTINCT_COMMENTERS = "SELECT count(DISTINCT user_id) FROM comments";

  // ---- The healthy control: well indexed, well written. A good diagnosis says nothing above info here.
  public static final String USER_BY_ID = "SELECT id, email, name FROM users WHERE id = ?";
  public static final String USER_BY_EMAIL = "SELECT id, name FROM users WHERE email = ?";
  public static final String COMMENTS_OF_POST =
      "SELECT id, body, created_at FROM comments WHERE post_id = ? ORDER BY id LIMIT 20";
  public static final String ORDERS_OF_USER = "SELECT id, status, total FROM orders WHERE user_id = ?";
  public static final String PRODUCT_BY_SKU = "SELECT id, name, price FROM products WHERE sku = ?";
  public static final String ITEMS_OF_ORDER =
      "SELECT product_id, quantity, unit_price FROM order_items WHERE order_id = ?";

  /** The healthy control queries, each with one example parameter value (for EXPLAIN in tests). */
  public static final java.util.List<String> HEALTHY =
      java.util.List.of(USER_BY_ID, USER_BY_EMAIL, COMMENTS_OF_POST, ORDERS_OF_USER, PRODUCT_BY_SKU, ITEMS_OF_ORDER);
}
