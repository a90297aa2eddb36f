package io.querydoctor.orm;

import static io.querydoctor.orm.Sites.assertAt;
import static io.querydoctor.orm.Sites.assertGatePasses;
import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.orm.library.LibraryApp;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Hibernate 7 application on HikariCP, captured through {@code QueryDoctor.wrap(hikari)}: each problem an
 * ORM makes is reported once, at the application's own line, with the fix in Hibernate's terms; each fixed
 * version stays quiet (nothing at medium or above, so a CI gate at {@code --fail-on medium} passes).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class HibernateCaptureIT {

  private static Library library;

  @BeforeAll
  static void open(TestDatabase db) throws SQLException {
    library = Library.open(db);
  }

  @AfterAll
  static void close() {
    library.close();
  }

  @BeforeEach
  void reset() {
    QueryDoctor.session().reset();
  }

  /** Runs {@code work} in a scope named {@code name} and returns that scope's findings. */
  private static List<Finding> in(String name, Runnable work) {
    try (Scope scope = QueryDoctor.scope(name)) {
      work.run();
    }
    return QueryDoctor.session().findings(name);
  }

  private static List<Long> ids(int count) {
    return LongStream.rangeClosed(1, count).boxed().toList();
  }

  private static Finding only(List<Finding> findings, String rule) {
    assertThat(Sites.of(findings, rule)).as("%s among %s", rule, findings).hasSize(1);
    return Sites.of(findings, rule).get(0);
  }

  private static void none(List<Finding> findings, String... rules) {
    for (String rule : rules) {
      assertThat(Sites.of(findings, rule)).as("%s among %s", rule, findings).isEmpty();
    }
  }

  // Reads

  @Test
  void lazyCollectionLoopIsOneNPlusOneWithTheBudgetAsItsEvidence() {
    LibraryApp app = library.plain();
    List<Finding> findings = in("GET /branches/books", () -> assertThat(app.booksPerBranch(30)).isEqualTo(60));
    Finding n1 = only(findings, "n-plus-one");
    assertAt(n1, "lazy-collection");
    assertThat(n1.title()).contains("rows of book by branch_id", "30 queries per run");
    assertThat(n1.detail()).contains("a lazily loaded collection");
    assertThat(n1.fix().summary()).contains("hibernate.default_batch_fetch_size", "JOIN FETCH");
    // The 31 statements are over the budget because of the N+1: one finding, the budget as its evidence.
    none(findings, "too-many-queries");
    assertThat(n1.supporting()).extracting(Finding::ruleId).contains("too-many-queries");
  }

  @Test
  void batchFetchingOfCollectionsIsQuietAtSizes10And50() {
    for (int size : new int[] {10, 50}) {
      LibraryApp app = library.batchFetching(size);
      List<Finding> findings = in("GET /branches/books batch " + size,
          () -> assertThat(app.booksPerBranch(Library.BRANCHES)).isEqualTo(Library.BOOKS));
      none(findings, "n-plus-one", "too-many-queries", "repeated-identical-query");
      assertGatePasses(findings);
    }
  }

  @Test
  void joinFetchIsQuiet() {
    LibraryApp app = library.plain();
    List<Finding> findings = in("GET /branches/books join fetch",
        () -> assertThat(app.booksPerBranchJoinFetch(Library.BRANCHES)).isEqualTo(Library.BOOKS));
    none(findings, "n-plus-one", "too-many-queries");
    assertGatePasses(findings);
  }

  @Test
  void lazyToOneProxyLoopNamesTheLoopNotTheProxyClass() {
    LibraryApp app = library.plain();
    List<Finding> findings = in("GET /books/branch", () -> assertThat(app.branchNamesOfBooks(40)).hasSize(40));
    Finding n1 = only(findings, "n-plus-one");
    assertAt(n1, "lazy-proxy");
    assertThat(n1.callSite().className()).doesNotContain("$");
    assertThat(n1.title()).contains("rows of branch by id", "20 queries per run");
    assertThat(n1.detail()).contains("a lazily loaded entity proxy");
  }

  @Test
  void batchFetchingOfProxiesIsQuiet() {
    for (int size : new int[] {10, 50}) {
      LibraryApp app = library.batchFetching(size);
      List<Finding> findings = in("GET /books/branch batch " + size,
          () -> assertThat(app.branchNamesOfBooks(Library.BOOKS)).hasSize(Library.BOOKS));
      none(findings, "n-plus-one", "too-many-queries", "repeated-identical-query");
      assertGatePasses(findings);
    }
  }

  @Test
  void findByIdLoopPointsToMultiIdLoading() {
    LibraryApp app = library.plain();
    List<Finding> findings = in("GET /branches?ids", () -> assertThat(app.branchNamesById(ids(30))).hasSize(30));
    Finding n1 = only(findings, "n-plus-one");
    assertAt(n1, "find-loop");
    assertThat(n1.fix().summary()).contains("findMultiple", "findAllById", "in :ids").doesNotContain("JOIN FETCH");
  }

  @Test
  void idListLoadsAreQuiet() {
    LibraryApp app = library.plain();
    List<Finding> findings = in("GET /branches?ids multi", () -> {
      assertThat(app.branchNamesByIds(ids(300))).hasSize(300);
      assertThat(app.branchNamesByIdList(ids(300))).hasSize(300);
    });
    none(findings, "n-plus-one", "too-many-queries", "repeated-identical-query");
    assertGatePasses(findings);
  }

  @Test
  void eagerToOneListIsNPlusOneAndQuietWithBatchFetching() {
    List<Finding> findings = in("GET /books/publishers",
        () -> assertThat(library.plain().publishersOfBooks(100)).hasSize(100));
    Finding n1 = only(findings, "n-plus-one");
    assertAt(n1, "eager-list");
    assertThat(n1.title()).contains("rows of publisher by id");

    List<Finding> fixed = in("GET /books/publishers batch",
        () -> assertThat(library.batchFetching(10).publishersOfBooks(Library.BOOKS)).hasSize(Library.BOOKS));
    none(fixed, "n-plus-one", "too-many-queries");
    assertGatePasses(fixed);
  }

  // Writes and sequences

  @Test
  void sequenceOfAllocationSizeOneIsSequencePerRowNotARepeatedQuery() {
    List<Finding> findings = in("POST /loans", () -> library.batchedWrites().recordLoans(100));
    Finding perRow = only(findings, "sequence-per-row");
    assertAt(perRow, "sequence-per-row");
    assertThat(perRow.title()).contains("loan_seq");
    assertThat(perRow.fix().summary()).contains("allocationSize", "pooled");
    none(findings, "repeated-identical-query", "n-plus-one", "too-many-queries");
  }

  @Test
  void pooledSequenceAndJdbcBatchingAreQuiet() {
    List<Finding> findings = in("POST /visits batched", () -> library.batchedWrites().recordVisits(300));
    none(findings, "sequence-per-row", "unbatched-writes", "too-many-queries", "repeated-identical-query");
    assertGatePasses(findings);
  }

  @Test
  void insertsWithoutJdbcBatchingAreUnbatchedWritesInHibernateTerms() {
    List<Finding> findings = in("POST /visits", () -> library.plain().recordVisits(300));
    Finding unbatched = only(findings, "unbatched-writes");
    assertAt(unbatched, "insert-flush");
    assertThat(unbatched.fix().summary()).contains("hibernate.jdbc.batch_size", "hibernate.order_inserts",
        "IDENTITY");
    none(findings, "sequence-per-row", "repeated-identical-query", "too-many-queries");
    assertThat(unbatched.supporting()).extracting(Finding::ruleId).contains("too-many-queries");
  }

  // Transactions

  @Test
  void pessimisticLockHeldAcrossSlowWorkIsALongTransaction() {
    List<Finding> findings = in("POST /fees", () -> library.plain().settleFee(1, 1_300));
    Finding tx = only(findings, "long-transaction");
    assertAt(tx, "lock-held");
    assertThat(tx.title()).contains("holding row locks");
    assertThat(tx.severity().label()).isEqualTo("high");
  }

  @Test
  void transactionsWithoutLongLockedGapsStayQuietUnderCpuLoad() throws InterruptedException {
    try (CpuLoad load = CpuLoad.start()) {
      Consumer<Runnable> twice = work -> {
        work.run();
        work.run();
      };
      List<Finding> inserts = in("POST /visits slowly", () -> twice.accept(
          () -> library.plain().recordVisitsSlowly(40, 30)));
      List<Finding> reads = in("GET /books slowly", () -> twice.accept(
          () -> assertThat(library.plain().readSlowly(40, 30)).isEqualTo(40)));
      List<Finding> locks = in("POST /fees quickly", () -> {
        for (int i = 0; i < 5; i++) {
          library.plain().settleFee(2, 0);
        }
      });
      none(inserts, "long-transaction");
      none(reads, "long-transaction");
      none(locks, "long-transaction");
    }
  }
}
