package io.querydoctor.orm;

import static io.querydoctor.orm.Sites.assertAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.orm.library.JdbcRows;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A scope follows its work onto a thread pool: an N+1 spread over workers is still one scope's N+1. */
@ExtendWith(EmbeddedPostgresExtension.class)
class ThreadPropagationIT {

  private static Library library;
  private static ExecutorService pool;

  @BeforeAll
  static void open(TestDatabase db) throws SQLException {
    library = Library.open(db);
    pool = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void close() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    library.close();
  }

  @BeforeEach
  void reset() {
    QueryDoctor.session().reset();
  }

  private static String title(JdbcRows rows, long id) {
    try {
      return rows.query("SELECT title FROM book WHERE id = ?", r -> r.getString(1), id).get(0);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void completableFuturesOnAPropagatingExecutorCountInTheCallersScope() {
    JdbcRows rows = new JdbcRows(library.dataSource());
    try (Scope scope = QueryDoctor.scope("GET /titles async")) {
      List<CompletableFuture<String>> titles = new ArrayList<>();
      for (long id = 1; id <= 24; id++) {
        long bookId = id;
        titles.add(CompletableFuture.supplyAsync(() -> title(rows, bookId), QueryDoctor.propagate(pool)));
      }
      titles.forEach(CompletableFuture::join);
    }
    List<Finding> findings = QueryDoctor.session().findings("GET /titles async");
    assertThat(Sites.of(findings, "n-plus-one")).hasSize(1);
    assertAt(Sites.of(findings, "n-plus-one").get(0), "row-mapper");
    assertThat(QueryDoctor.session().findings("(no scope)")).isEmpty();
  }

  @Test
  void wrappedTasksCountInTheScopeThatWrappedThem() throws Exception {
    JdbcRows rows = new JdbcRows(library.dataSource());
    try (Scope scope = QueryDoctor.scope("GET /titles pool")) {
      List<Future<?>> done = new ArrayList<>();
      for (long id = 1; id <= 24; id++) {
        long bookId = id;
        done.add(pool.submit(scope.wrap(() -> title(rows, bookId))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    assertThat(Sites.of(QueryDoctor.session().findings("GET /titles pool"), "n-plus-one")).hasSize(1);
  }

  @Test
  void withoutPropagationTheWorkersStatementsAreOutsideTheScope() throws Exception {
    JdbcRows rows = new JdbcRows(library.dataSource());
    try (Scope scope = QueryDoctor.scope("GET /titles unscoped")) {
      List<Future<?>> done = new ArrayList<>();
      for (long id = 1; id <= 24; id++) {
        long bookId = id;
        done.add(pool.submit(() -> title(rows, bookId)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    assertThat(Sites.of(QueryDoctor.session().findings("GET /titles unscoped"), "n-plus-one")).isEmpty();
  }
}
