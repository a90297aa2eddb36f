package io.querydoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CaptureSessionTest {

  private final ManualTicker ticker = new ManualTicker();
  private final CaptureSession session = CaptureSession.start(CaptureOptions.builder().ticker(ticker)
      .slowQueryLog(false).build());

  @Test
  void scopeRecordsItsStatementsAndNestedOnesCountInTheParent() {
    FakeConnection c = new FakeConnection(session, ticker, false);
    Scope outer = session.scope("GET /users");
    c.run("SELECT 1", 1);
    Scope inner = session.scope("load profile");
    c.run("SELECT 2", 2).run("SELECT 3", 3);
    inner.close();
    c.run("SELECT 4", 4);
    outer.close();

    assertThat(inner.record().statementCount()).isEqualTo(2);
    assertThat(outer.record().statementCount()).isEqualTo(4);
    assertThat(outer.record().ownStatements()).extracting(e -> e.fingerprint().normalized())
        .containsExactly("SELECT ?", "SELECT ?");
    assertThat(outer.record().databaseNanos()).isEqualTo(10_000_000L);
    assertThat(inner.record().parentId()).isEqualTo(outer.id());
    assertThat(session.currentScope()).isNull();
  }

  @Test
  void aConnectionHandedBetweenThreadsRecordsIntoEachThreadsOwnScope() throws Exception {
    // Regression guard for the connection's cached scope cell: it must be checked against the calling thread.
    FakeConnection c = new FakeConnection(session, ticker, false);
    Scope main = session.scope("main thread");
    c.run("SELECT 1", 1);
    Scope[] other = new Scope[1];
    Thread worker = new Thread(() -> {
      other[0] = session.scope("worker thread");
      c.run("SELECT 2", 1).run("SELECT 3", 1);
      other[0].close();
      c.run("SELECT 4", 1);
    });
    worker.start();
    worker.join();
    c.run("SELECT 5", 1);
    main.close();

    assertThat(other[0].record().statements()).extracting(StatementEvent::sql).containsExactly("SELECT 2", "SELECT 3");
    assertThat(main.record().statements()).extracting(StatementEvent::sql).containsExactly("SELECT 1", "SELECT 5");
    assertThat(session.aggregate().totalCalls()).isEqualTo(5);
  }

  @Test
  void aSnapshotStaysAsItWasWhileTheScopeRecordsMore() {
    // A record shares the scope's array of statements instead of copying it (RecordedStatements).
    FakeConnection c = new FakeConnection(session, ticker, false);
    Scope scope = session.scope("GET /feed");
    for (int i = 0; i < 15; i++) {
      c.run("SELECT " + i, 1);
    }
    ScopeRecord early = scope.snapshot();
    for (int i = 15; i < 40; i++) {
      c.run("SELECT " + i, 1);
    }
    scope.close();

    assertThat(early.statements()).hasSize(15).extracting(StatementEvent::sql).endsWith("SELECT 14");
    assertThat(scope.record().statements()).hasSize(40).extracting(StatementEvent::sql)
        .startsWith("SELECT 0").endsWith("SELECT 39");
    assertThat(early.statements()).isEqualTo(scope.record().statements().subList(0, 15));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> early.statements().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void closingAnOuterScopeClosesTheInnerOnesFirst() {
    Scope outer = session.scope("outer");
    Scope inner = session.scope("inner");
    outer.close();
    assertThat(inner.isClosed()).isTrue();
    assertThat(session.currentScope()).isNull();
  }

  @Test
  void aTransactionWithoutAnEnclosingScopeBecomesOne() {
    List<ScopeRecord> closed = new CopyOnWriteArrayList<>();
    session.addListener(new CaptureListener() {
      @Override
      public void scopeClosed(ScopeRecord scope) {
        closed.add(scope);
      }
    });
    FakeConnection c = new FakeConnection(session, ticker, false);
    c.tracker().autoCommitChanged(false);
    c.run("SELECT * FROM accounts WHERE id = ? FOR UPDATE", 1, 2, 1);
    c.run("UPDATE accounts SET balance = ? WHERE id = ?", 2, 3, 1);
    ticker.advanceMillis(5);
    c.tracker().committed();

    assertThat(closed).hasSize(1);
    ScopeRecord tx = closed.get(0);
    assertThat(tx.kind()).isEqualTo(ScopeKind.TRANSACTION);
    assertThat(tx.statementCount()).isEqualTo(2);
    TransactionRecord record = tx.transactions().get(0);
    assertThat(record.committed()).isTrue();
    assertThat(record.lockingStatements()).isEqualTo(2);
    assertThat(record.openNanos()).isEqualTo(10_000_000L);
    assertThat(record.idleNanos()).isEqualTo(5_000_000L);
    assertThat(session.currentScope()).isNull();
  }

  @Test
  void aListenerSeesTheStatementsAScopeKeepsEvenWhenAddedWhileTheScopeIsOpen() {
    // Regression guard: a statement its scope keeps skips the pipeline when nothing but the scope wants it.
    FakeConnection c = new FakeConnection(session, ticker, false);
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Scope scope = session.scope("GET /users")) {
      c.run("SELECT 1", 1);
      session.addListener(new CaptureListener() {
        @Override
        public void statementExecuted(StatementEvent event) {
          seen.add(event.sql() + " in " + event.scopeId());
        }
      });
      c.run("SELECT 2", 1).run("SELECT 3", 1);
      assertThat(seen).containsExactly("SELECT 2 in " + scope.id(), "SELECT 3 in " + scope.id());
    }
    assertThat(session.aggregate().totalCalls()).isEqualTo(3);
  }

  @Test
  void aThrowingListenerIsSkippedAndTheOthersStillRun() {
    AtomicInteger seen = new AtomicInteger();
    session.addListener(new CaptureListener() {
      @Override
      public void statementExecuted(StatementEvent event) {
        throw new IllegalStateException("listener bug");
      }
    });
    session.addListener(new CaptureListener() {
      @Override
      public void statementExecuted(StatementEvent event) {
        seen.incrementAndGet();
      }
    });
    FakeConnection c = new FakeConnection(session, ticker, false);
    c.run("SELECT 1", 1).run("SELECT 2", 1);
    assertThat(seen).hasValue(2);
    assertThat(session.failures()).isEqualTo(2);
    assertThat(session.aggregate().totalCalls()).isEqualTo(2);
  }

  @Test
  void manyThreadsLoseNoEvents() throws Exception {
    CaptureSession real = CaptureSession.start(CaptureOptions.builder().slowQueryLog(false).build());
    int threads = 8;
    int perThread = 2_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<Scope> scopes = new CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker = new Thread(() -> {
        ConnectionTracker c = real.connectionOpened(io.querydoctor.core.sql.SqlDialect.POSTGRESQL, false, true);
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        try (Scope scope = real.scope("worker " + id)) {
          scopes.add(scope);
          for (int i = 0; i < perThread; i++) {
            c.statementExecuted("SELECT * FROM t WHERE id = " + (i % 10), 1, 0, -1, 0, 1000, 1, false);
          }
        }
      });
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    assertThat(real.aggregate().totalCalls()).isEqualTo((long) threads * perThread);
    assertThat(real.aggregate().summaries()).hasSize(1);
    assertThat(scopes).hasSize(threads).allSatisfy(s -> assertThat(s.record().statementCount()).isEqualTo(perThread));
    assertThat(scopes).extracting(Scope::id).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
    assertThat(real.detections().runsOf("worker 3")).isEqualTo(1);
  }

  @Test
  void aScopesStatementsReachTheAggregateOnceAtCloseOrASecondLater() {
    FakeConnection c = new FakeConnection(session, ticker, false);
    Scope outer = session.scope("GET /orders");
    c.run("SELECT * FROM orders", 5);
    try (Scope inner = session.scope("load items")) {
      c.run("SELECT * FROM items WHERE order_id = 1", 1).run("SELECT * FROM items WHERE order_id = 2", 1);
    }
    assertThat(calls("SELECT * FROM items WHERE order_id = ?")).isEqualTo(2);
    assertThat(calls("SELECT * FROM orders")).as("still waiting in the open scope").isZero();

    ticker.advanceMillis(1_000);
    c.run("SELECT * FROM orders", 5);
    assertThat(calls("SELECT * FROM orders")).as("a second after the last addition").isEqualTo(2);

    c.run("SELECT * FROM items WHERE order_id = 3", 1);
    outer.close();
    assertThat(calls("SELECT * FROM items WHERE order_id = ?")).as("nested statements counted once").isEqualTo(3);
    assertThat(calls("SELECT * FROM orders")).isEqualTo(2);
    assertThat(session.aggregate().totalCalls()).isEqualTo(outer.record().statementCount()).isEqualTo(5);
  }

  @Test
  void statementsBeyondAScopesLimitReachTheAggregateAtOnce() {
    CaptureSession small = CaptureSession.start(CaptureOptions.builder().ticker(ticker).maxStatementsPerScope(2)
        .slowQueryLog(false).build());
    FakeConnection c = new FakeConnection(small, ticker, false);
    try (Scope scope = small.scope("job")) {
      c.run("SELECT 1", 1).run("SELECT 2", 1).run("SELECT 3", 1).run("SELECT 4", 1);
      assertThat(small.aggregate().totalCalls()).isEqualTo(2);
    }
    assertThat(small.aggregate().totalCalls()).isEqualTo(4);
  }

  private long calls(String fingerprint) {
    return session.aggregate().summaries().stream().filter(s -> s.example().equals(fingerprint))
        .mapToLong(FingerprintSummary::calls).sum();
  }

  @Test
  void aggregateKeepsPercentilesAndIsBounded() {
    CaptureSession small = CaptureSession.start(CaptureOptions.builder().ticker(ticker).maxFingerprints(2)
        .slowQueryLog(false).build());
    FakeConnection c = new FakeConnection(small, ticker, false);
    for (int i = 1; i <= 100; i++) {
      c.run("SELECT * FROM a WHERE id = " + i, i);
    }
    c.run("SELECT * FROM b", 1).run("SELECT * FROM c", 1).run("SELECT * FROM d", 1);
    List<FingerprintSummary> summaries = small.aggregate().summaries();
    FingerprintSummary a = summaries.get(0);
    assertThat(a.example()).isEqualTo("SELECT * FROM a WHERE id = ?");
    assertThat(a.calls()).isEqualTo(100);
    assertThat(a.maxMillis()).isEqualTo(100.0);
    assertThat(a.p50Millis()).isBetween(49.0, 51.0);
    assertThat(a.p95Millis()).isBetween(94.0, 96.0);
    assertThat(summaries).hasSize(3).last().satisfies(other -> {
      assertThat(other.fingerprintId()).isEqualTo(WorkloadAggregate.OTHER);
      assertThat(other.calls()).isEqualTo(2);
    });
  }

  @Test
  void findingsAreEmptyForAHealthyScope() {
    FakeConnection c = new FakeConnection(session, ticker, false);
    try (Scope scope = session.scope("GET /user")) {
      c.run("SELECT * FROM users WHERE id = ?", 1, 1, 1).run("SELECT * FROM posts WHERE user_id = ? LIMIT 20", 1, 3, 20);
    }
    List<Finding> findings = session.findings();
    assertThat(findings).isEmpty();
  }
}
