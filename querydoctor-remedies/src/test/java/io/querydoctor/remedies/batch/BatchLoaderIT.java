package io.querydoctor.remedies.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CaptureFileReader;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import io.querydoctor.remedies.SingleDatabaseSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo's N+1 (posts per user), as N queries and through the batch loader, captured on a real PostgreSQL. */
@ExtendWith(EmbeddedPostgresExtension.class)
class BatchLoaderIT {

  private static final int USERS = 50;

  record Post(long id, String title) {}

  @BeforeAll
  static void schema(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS post, app_user");
      st.execute("CREATE TABLE app_user (id bigint PRIMARY KEY, name text)");
      st.execute("CREATE TABLE post (id bigint PRIMARY KEY, user_id bigint, title text)");
      st.execute("INSERT INTO app_user SELECT g, 'user ' || g FROM generate_series(1, " + USERS + ") g");
      // User u has u % 4 posts: some have none.
      st.execute("INSERT INTO post SELECT row_number() OVER (), u, 'post ' || u || '/' || n"
          + " FROM generate_series(1, " + USERS + ") u, generate_series(1, 3) n WHERE n <= u % 4");
    }
  }

  private static List<Long> users(Connection c) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM app_user ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** The N+1: one query per user. */
  private static Map<Long, List<Post>> postsOneByOne(DataSource ds) throws SQLException {
    Map<Long, List<Post>> posts = new LinkedHashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, title FROM post WHERE user_id = ? ORDER BY id")) {
      for (long user : users(c)) {
        ps.setLong(1, user);
        List<Post> own = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            own.add(new Post(rs.getLong(1), rs.getString(2)));
          }
        }
        posts.put(user, own);
      }
    }
    return posts;
  }

  private static BatchLoader<Long, Post> loader(DataSource ds, int batchSize, SqlDialect dialect) {
    return BatchLoader.<Long, Post>builder(ds)
        .query("SELECT id, user_id, title FROM post WHERE user_id IN (:keys) ORDER BY id")
        .key(row -> row.getLong("user_id"))
        .value(row -> new Post(row.getLong("id"), row.getString("title")))
        .batchSize(batchSize)
        .dialect(dialect)
        .build();
  }

  /** The same, through the loader: each user's load is a future, one dispatch runs the batches. */
  private static Map<Long, List<Post>> postsBatched(DataSource ds, BatchLoader<Long, Post> loader)
      throws SQLException {
    Map<Long, CompletableFuture<List<Post>>> futures = new LinkedHashMap<>();
    try (Connection c = ds.getConnection()) {
      for (long user : users(c)) {
        futures.put(user, loader.load(user));
      }
    }
    loader.dispatch();
    Map<Long, List<Post>> posts = new LinkedHashMap<>();
    futures.forEach((user, f) -> posts.put(user, f.join()));
    return posts;
  }

  private static List<String> rules(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).toList();
  }

  @Test
  void theNPlusOneBecomesOneQueryPerBatchAndTheCaptureHasNoNPlusOne(TestDatabase db, @TempDir Path dir)
      throws Exception {
    Path before = dir.resolve("before.jsonl");
    Path after = dir.resolve("after.jsonl");
    Map<Long, List<Post>> expected;
    CaptureSession n1 = CaptureSession.start(CaptureOptions.builder().captureFile(before).build());
    DataSource plain = QueryDoctor.wrap(new SingleDatabaseSource(db), WrapOptions.defaults().withSession(n1));
    try (Scope scope = n1.scope("GET /users")) {
      expected = postsOneByOne(plain);
    }
    n1.close();
    assertThat(rules(new CaptureFileReader().read(before).findings())).contains("n-plus-one");

    CaptureSession batched = CaptureSession.start(CaptureOptions.builder().captureFile(after).build());
    DataSource ds = QueryDoctor.wrap(new SingleDatabaseSource(db), WrapOptions.defaults().withSession(batched));
    Map<Long, List<Post>> actual;
    try (Scope scope = batched.scope("GET /users"); BatchLoader<Long, Post> loader =
        loader(ds, 10, SqlDialect.POSTGRESQL)) {
      actual = postsBatched(ds, loader);
      assertThat(loader.queries()).isEqualTo(5);
    }
    batched.close();
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.get(4L)).isEmpty();
    assertThat(actual.get(3L)).extracting(Post::title).containsExactly("post 3/1", "post 3/2", "post 3/3");
    assertThat(batched.aggregate().summaries()).filteredOn(s -> s.example().contains("FROM post"))
        .singleElement().satisfies(s -> assertThat(s.calls()).isEqualTo(5));
    assertThat(rules(new CaptureFileReader().read(after).findings())).doesNotContain("n-plus-one");
  }

  @Test
  void anInListForOtherEnginesPadsToAPowerOfTwo(TestDatabase db) throws Exception {
    CaptureSession session = CaptureSession.start(CaptureOptions.defaults());
    DataSource ds = QueryDoctor.wrap(new SingleDatabaseSource(db), WrapOptions.defaults().withSession(session));
    Map<Long, List<Post>> expected = postsOneByOne(new SingleDatabaseSource(db));
    try (BatchLoader<Long, Post> loader = loader(ds, 30, SqlDialect.MYSQL)) {
      assertThat(postsBatched(ds, loader)).isEqualTo(expected);
      assertThat(loader.queries()).isEqualTo(2);
    }
    // 30 and 20 keys both become a list of 32 markers: one statement text.
    assertThat(session.aggregate().summaries()).filteredOn(s -> s.example().contains("FROM post")).hasSize(1);
    session.close();
  }

  @Test
  void aKeyLoadedTwiceInAScopeIsFetchedOnceAndCloseDispatches(TestDatabase db) {
    BatchLoader<Long, Post> loader = loader(new SingleDatabaseSource(db), 100, null);
    CompletableFuture<List<Post>> first = loader.load(3L);
    assertThat(loader.load(3L)).isSameAs(first);
    CompletableFuture<Map<Long, List<Post>>> many = loader.loadMany(List.of(1L, 2L, 3L));
    loader.close();
    assertThat(loader.queries()).isEqualTo(1);
    assertThat(first.join()).hasSize(3);
    assertThat(many.join()).containsOnlyKeys(1L, 2L, 3L).satisfies(m -> assertThat(m.get(2L)).hasSize(2));
  }

  @Test
  void aFailedBatchFailsItsFutures(TestDatabase db) {
    BatchLoader<Long, Post> loader = BatchLoader.<Long, Post>builder(new SingleDatabaseSource(db))
        .query("SELECT id, user_id FROM no_such_table WHERE user_id IN (:keys)")
        .key(row -> row.getLong(2)).value(row -> new Post(row.getLong(1), "")).build();
    CompletableFuture<List<Post>> future = loader.load(1L);
    loader.dispatch();
    Assertions.assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(SQLException.class).hasMessageContaining("no_such_table");
  }
}
