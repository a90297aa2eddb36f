package io.querydoctor.demo.workload;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.core.verify.FixTrial;
import io.querydoctor.core.verify.StatementSamples;
import io.querydoctor.core.verify.TimedWork;
import io.querydoctor.demo.data.DemoDataGenerator;
import io.querydoctor.demo.data.DemoScale;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * What the demo application knows about its own queries, for verifying fixes: an executable example of each
 * query shape (the values its workload uses), and the before and after of the fixes that change its code —
 * batching the N+1 and the single INSERTs, keyset pagination, the range rewrite of the day filter, a
 * precomputed aggregate. A real application would provide these from its tests; the diagnosis derives the
 * index, ANALYZE and setting trials itself.
 */
public final class DemoFixes {

  private static final SqlFingerprinter FINGERPRINTER = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  /** A day inside the generated data, with posts. */
  private static final LocalDate DAY = LocalDate.ofInstant(DemoDataGenerator.NOW, ZoneOffset.UTC).minusDays(30);
  private static final long USER = 42;
  private static final int PAGE_OF_USERS = 100;
  private static final int ITEMS_PER_ORDER = 12;

  private final DemoScale scale;

  public DemoFixes(DemoScale scale) {
    this.scale = scale;
  }

  /** An executable example of every query shape the workload runs that a fix can speed up. */
  public StatementSamples samples() {
    StatementSamples samples = new StatementSamples();
    add(samples, DemoQueries.POSTS_OF_USER, "posts of one user", "SELECT id, title, created_at FROM posts WHERE user_id = " + USER);
    add(samples, DemoQueries.RECENT_POSTS_OF_USER, "recent posts of one user",
        "SELECT id, title, created_at FROM posts WHERE user_id = " + USER + " AND created_at >= '" + DAY.minusDays(30)
            + "' AND created_at < '" + DAY + "' ORDER BY created_at DESC");
    add(samples, DemoQueries.POSTS_OF_DAY, "posts of one day", postsOfDay());
    add(samples, DemoQueries.PENDING_ORDERS_BY_COUNTRY, "pending orders of one country",
        DemoQueries.PENDING_ORDERS_BY_COUNTRY.replace("?", "'DE'"));
    samples.add(fingerprint(DemoQueries.USERS_SORTED_BY_NAME), new TimedWork("users sorted by name (work_mem 64kB)",
        List.of(DemoQueries.SMALL_WORK_MEM), List.of(DemoQueries.USERS_SORTED_BY_NAME), false));
    add(samples, DemoQueries.DISTINCT_COMMENTERS, "distinct commenters", DemoQueries.DISTINCT_COMMENTERS);
    add(samples, DemoQueries.POSTS_PAGE, "one deep page of posts", deepPage());
    return samples;
  }

  /** The fixes to the application's code, each before and after, measured on the demo database. */
  public List<FixTrial> codeTrials(Connection connection) throws SQLException {
    List<FixTrial> trials = new ArrayList<>();
    trials.add(batchedPostsOfUsers());
    trials.add(batchedOrderItems());
    trials.add(rangeInsteadOfCast());
    trials.add(keysetPage(connection));
    trials.add(precomputedCommenters());
    return trials;
  }

  private FixTrial batchedPostsOfUsers() {
    List<String> single = LongStream.rangeClosed(1, PAGE_OF_USERS)
        .mapToObj(user -> "SELECT id, title, created_at FROM posts WHERE user_id = " + user).toList();
    String ids = LongStream.rangeClosed(1, PAGE_OF_USERS).mapToObj(Long::toString).collect(Collectors.joining(","));
    String batched = "SELECT user_id, id, title, created_at FROM posts WHERE user_id = ANY ('{" + ids + "}'::bigint[])";
    return new FixTrial("n-plus-one:" + fingerprint(DemoQueries.POSTS_OF_USER),
        "one query with = ANY(array) for a page of " + PAGE_OF_USERS + " users", List.of(), List.of(),
        new TimedWork(PAGE_OF_USERS + " single queries", List.of(), single, false),
        new TimedWork("1 batched query", List.of(), List.of(batched), false));
  }

  private FixTrial batchedOrderItems() {
    List<String> single = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (int item = 1; item <= ITEMS_PER_ORDER; item++) {
      String row = "(1, " + item + ", 1, 8.25)";
      single.add("INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES " + row);
      rows.add(row);
    }
    String multiRow = "INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES "
        + String.join(", ", rows);
    return new FixTrial("unbatched-writes:" + fingerprint(DemoQueries.INSERT_ORDER_ITEM),
        "one multi-row INSERT for an order's " + ITEMS_PER_ORDER + " items", List.of(), List.of(),
        new TimedWork(ITEMS_PER_ORDER + " single INSERTs (rolled back)", List.of(), single, true),
        new TimedWork("1 multi-row INSERT (rolled back)", List.of(), List.of(multiRow), true));
  }

  private FixTrial rangeInsteadOfCast() {
    String range = "SELECT id, title FROM posts WHERE created_at >= '" + DAY + "' AND created_at < '"
        + DAY.plusDays(1) + "'";
    return new FixTrial("non-sargable-predicate:posts(created_at)",
        "created_at >= day AND created_at < day + 1 instead of created_at::date = day", List.of(), List.of(),
        TimedWork.read("posts of one day, ::date filter", postsOfDay()),
        TimedWork.read("posts of one day, range filter", range));
  }

  /** The page after the deep one, found from the last row of the page before it: what keyset pagination does. */
  private FixTrial keysetPage(Connection connection) throws SQLException {
    String boundary = "SELECT created_at FROM posts ORDER BY created_at DESC LIMIT 1 OFFSET " + (deepOffset() - 1);
    String last;
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(boundary)) {
      last = rs.next() ? rs.getString(1) : DemoDataGenerator.NOW.toString();
    }
    String keyset = "SELECT id, title, created_at FROM posts WHERE created_at < '" + last
        + "' ORDER BY created_at DESC LIMIT 20";
    return new FixTrial("offset-pagination:" + fingerprint(DemoQueries.POSTS_PAGE),
        "keyset pagination: WHERE created_at < (last row's) ORDER BY created_at DESC LIMIT 20", List.of(), List.of(),
        TimedWork.read("page at OFFSET " + deepOffset(), deepPage()), TimedWork.read("the same page by keyset", keyset));
  }

  private FixTrial precomputedCommenters() {
    String view = "querydoctor_trial_commenters";
    return new FixTrial("heavy-aggregation:comments", "a materialized view refreshed on a schedule",
        List.of("CREATE MATERIALIZED VIEW " + view + " AS " + DemoQueries.DISTINCT_COMMENTERS),
        List.of("DROP MATERIALIZED VIEW IF EXISTS " + view),
        TimedWork.read("count(DISTINCT user_id) over comments", DemoQueries.DISTINCT_COMMENTERS),
        TimedWork.read("read the precomputed count", "SELECT * FROM " + view));
  }

  private static String postsOfDay() {
    return "SELECT id, title FROM posts WHERE created_at::date = '" + DAY + "'";
  }

  private long deepOffset() {
    return Math.max(1_000, scale.posts() / 2);
  }

  private String deepPage() {
    return DemoQueries.POSTS_PAGE.replace("?", Long.toString(deepOffset()));
  }

  private static void add(StatementSamples samples, String query, String label, String example) {
    samples.add(fingerprint(query), TimedWork.read(label, example));
  }

  /** The id the capture layer and pg_stat_statements give this query shape. */
  static String fingerprint(String sql) {
    return FINGERPRINTER.fingerprint(sql).id();
  }
}
