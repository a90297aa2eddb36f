package io.querydoctor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.querydoctor.core.capture.CallSiteMode;
import io.querydoctor.core.capture.CaptureListener;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FingerprintSummary;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture layer over a stub driver: what it records, and that the application sees only the driver. */
class CapturingJdbcTest {

  private final List<StatementEvent> events = new CopyOnWriteArrayList<>();

  private CaptureSession session(CaptureOptions.Builder options) {
    CaptureSession session = CaptureSession.start(options.slowQueryLog(false).build());
    session.addListener(new CaptureListener() {
      @Override
      public void statementExecuted(StatementEvent event) {
        events.add(event);
      }
    });
    return session;
  }

  private DataSource wrapped(CaptureSession session) {
    return QueryDoctor.wrap(new StubDataSource(), WrapOptions.defaults().withSession(session).withPooled(true));
  }

  private static int readAll(ResultSet rs) throws SQLException {
    int sum = 0;
    while (rs.next()) {
      sum += rs.getInt(1);
    }
    return sum;
  }

  @Test
  void recordsQueriesWithRowsParametersAndTheSameResults() throws SQLException {
    CaptureSession session = session(CaptureOptions.builder());
    try (Connection c = wrapped(session).getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM comments WHERE post_id = ?")) {
      ps.setLong(1, 42);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(readAll(rs)).isEqualTo(1 + 2 + 3);
        assertThat(rs.getStatement()).isSameAs(ps);
      }
      assertThat(ps.getConnection()).isSameAs(c);
    }
    assertThat(events).hasSize(1);
    StatementEvent event = events.get(0);
    assertThat(event.rows()).isEqualTo(StubDriver.ROWS);
    assertThat(event.fingerprint().normalized()).isEqualTo("SELECT id FROM comments WHERE post_id = ?");
    assertThat(event.parameterHash()).isNotZero();
    assertThat(event.failed()).isFalse();
  }

  @Test
  void theParameterHashTellsEveryBoundValueAndForgetsClearedOnes() throws SQLException {
    CaptureSession session = session(CaptureOptions.builder().countRows(false));
    try (Connection c = wrapped(session).getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE a = ? AND b = ? AND c = ? AND d = ?")) {
      for (long[] values : new long[][] {{1, 2, 3, 4}, {1, 2, 3, 5}, {1, 2, 3, 4}, {9, 2, 3, 4}, {1, 9, 3, 4}}) {
        for (int i = 0; i < values.length; i++) {
          ps.setLong(i + 1, values[i]);
        }
        ps.executeQuery().close();
      }
      ps.clearParameters();
      ps.setLong(1, 1);
      ps.executeQuery().close();
    }
    List<Long> hashes = events.stream().map(StatementEvent::parameterHash).toList();
    assertThat(hashes.get(2)).isEqualTo(hashes.get(0));
    assertThat(hashes.get(1)).isNotEqualTo(hashes.get(0));
    assertThat(hashes.get(3)).isNotEqualTo(hashes.get(0));
    assertThat(hashes.get(4)).isNotEqualTo(hashes.get(0));
    assertThat(hashes.get(5)).isNotEqualTo(hashes.get(0)).isNotZero();
  }

  @Test
  void aPreparedStatementRecordsItsLiteralOrBoundOffsetWhetherItRanFailedOrWasBatched() throws SQLException {
    CaptureSession session = session(CaptureOptions.builder().countRows(false));
    try (Connection c = wrapped(session).getConnection();
        PreparedStatement literal = c.prepareStatement("SELECT id FROM posts WHERE author = ? OFFSET 5000");
        PreparedStatement failing = c.prepareStatement("SELECT id FROM FAIL WHERE author = ? OFFSET 7000");
        PreparedStatement bound = c.prepareStatement("SELECT id FROM posts LIMIT ? OFFSET ?");
        PreparedStatement none = c.prepareStatement("SELECT id FROM posts WHERE author = ?")) {
      literal.setInt(1, 3);
      literal.executeQuery().close();
      literal.addBatch();
      literal.executeBatch();
      failing.setInt(1, 3);
      assertThat(catchThrowable(failing::executeQuery)).isInstanceOf(SQLException.class);
      bound.setInt(1, 20);
      bound.setInt(2, 400);
      bound.executeQuery().close();
      none.setInt(1, 400);
      none.executeQuery().close();
    }
    assertThat(events).extracting(StatementEvent::offset).containsExactly(5_000L, 5_000L, 7_000L, 400L, -1L);
    assertThat(events.get(2).failed()).isTrue();
  }

  @Test
  void recordsCallableStatementsWhoseResultsNameTheCallable() throws SQLException {
    CaptureSession session = session(CaptureOptions.builder().countRows(true));
    try (Connection c = wrapped(session).getConnection();
        CallableStatement call = c.prepareCall("SELECT * FROM comments_of(?, ?) OFFSET ?")) {
      call.setLong(1, 42);
      call.setString(2, "new");
      call.setInt(3, 2_000);
      try (ResultSet rs = call.executeQuery()) {
        assertThat(readAll(rs)).isEqualTo(1 + 2 + 3);
        assertThat(rs.getStatement()).isSameAs(call);
      }
      call.setLong(1, 43);
      call.addBatch();
      call.addBatch();
      call.executeBatch();
      assertThat(call.getConnection()).isSameAs(c);
    }
    assertThat(events).hasSize(2);
    assertThat(events.get(0).rows()).isEqualTo(StubDriver.ROWS);
    assertThat(events.get(0).offset()).isEqualTo(2_000);
    assertThat(events.get(0).parameterHash()).isNotZero();
    assertThat(events.get(0).fingerprint().normalized()).isEqualTo("SELECT * FROM comments_of(?, ?) OFFSET ?");
    assertThat(events.get(1).batchSize()).isEqualTo(2);
    assertThat(events.get(1).rows()).isEqualTo(2);
  }

  @Test
  void nPlusOneThroughPreparedStatementsIsFound() throws SQLException {
    CaptureSession session = session(CaptureOptions.builder());
    DataSource ds = wrapped(session);
    try (Scope scope = session.scope("GET /posts"); Connection c = ds.getConnection()) {
      for (int post = 0; post < 8; post++) {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM comments WHERE post_id = ?")) {
          ps.setInt(1, post);
          readAll(ps.executeQuery());
        }
      }
    }
    List<Finding> findings = session.findings();
    assertThat(findings).extracting(Finding::ruleId).containsExactly("n-plus-one");
    assertThat(findings.get(0).title()).contains(CapturingJdbcTest.class.getName());
  }

  @Test
  void theApplicationsSqlExceptionPassesThroughUnchanged() throws SQLException {
    CaptureSession session = session(CaptureOptions.builder());
    try (Connection c = wrapped(session).getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT * FROM FAIL")) {
      Throwable thrown = catchThrowable(ps::executeQuery);
      assertThat(thrown).isExactlyInstanceOf(SQLException.class).hasMessage("stub failure for SELECT * FROM FAIL");
      assertThat(((SQLException) thrown).getSQLState()).isEqualTo("42P01");
    }
    assertThat(events).singleElement().satisfies(e -> assertThat(e.failed()).isTrue());
  }

  @Test
  void aThrowingListenerNeverReachesTheApplication() throws SQLException {
    CaptureSession session = session(CaptureOptions.builder().callSites(CallSiteMode.ALWAYS));
    session.addListener(new CaptureListener() {
      @Override
      public void statementExecuted(StatementEvent event) {
        throw new IllegalStateException("broken listener");
      }
    });
    try (Connection c = wrapped(session).getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1")) {
      assertThat(readAll(ps.executeQuery())).isEqualTo(6);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    assertThat(session.failures()).isEqualTo(2);
    assertThat(session.aggregate().totalCalls()).isEqualTo(2);
  }

  @Test
  void aFailingCaptureFileNeverReachesTheApplication(@TempDir Path dir) throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-directory"), "");
    CaptureSession session = session(CaptureOptions.builder().captureFile(blocker.resolve("capture.jsonl")));
    try (Connection c = wrapped(session).getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1")) {
      assertThat(readAll(ps.executeQuery())).isEqualTo(6);
    }
    session.close();
    assertThat(session.aggregate().totalCalls()).isEqualTo(1);
    assertThat(session.captureFileDropped()).isEqualTo(1);
  }

  @Test
  void batchesAreOneEventWithTheirSize() throws SQLException {
    CaptureSession session = session(CaptureOptions.builder());
    try (Scope scope = session.scope("import"); Connection c = wrapped(session).getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO t (a) VALUES (?)")) {
      for (int i = 0; i < 25; i++) {
        ps.setInt(1, i);
        ps.addBatch();
      }
      assertThat(ps.executeBatch()).hasSize(25);
    }
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.batchSize()).isEqualTo(25);
      assertThat(e.rows()).isEqualTo(25);
    });
    assertThat(session.findings()).isEmpty();
  }

  @Test
  void transactionBoundariesAreTracked() throws SQLException {
    CaptureSession session = session(CaptureOptions.builder());
    List<io.querydoctor.core.capture.ScopeRecord> scopes = new CopyOnWriteArrayList<>();
    session.addListener(new CaptureListener() {
      @Override
      public void scopeClosed(io.querydoctor.core.capture.ScopeRecord scope) {
        scopes.add(scope);
      }
    });
    try (Connection c = wrapped(session).getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("UPDATE t SET a = 1 WHERE id = ?")) {
        ps.setInt(1, 1);
        ps.executeUpdate();
        ps.setInt(1, 2);
        ps.executeUpdate();
      }
      c.commit();
    }
    assertThat(scopes).singleElement().satisfies(scope -> {
      assertThat(scope.name()).isEqualTo("transaction");
      assertThat(scope.transactions()).singleElement().satisfies(tx -> {
        assertThat(tx.statements()).isEqualTo(2);
        assertThat(tx.lockingStatements()).isEqualTo(2);
        assertThat(tx.committed()).isTrue();
      });
    });
  }

  @Test
  void theDriverUrlCapturesIntoTheJvmWideSession() throws SQLException {
    StubDriver.register();
    CaptureSession session = session(CaptureOptions.builder());
    CaptureSession previous = QueryDoctor.install(session);
    try (Connection c = DriverManager.getConnection("jdbc:querydoctor:stub:anything");
        PreparedStatement ps = c.prepareStatement("SELECT 42")) {
      assertThat(readAll(ps.executeQuery())).isEqualTo(6);
      assertThat(c.unwrap(Connection.class)).isNotInstanceOf(io.querydoctor.jdbc.proxy.CapturingConnection.class);
    } finally {
      if (previous != null) {
        QueryDoctor.install(previous);
      }
    }
    assertThat(session.aggregate().summaries()).extracting(FingerprintSummary::example).containsExactly("SELECT ?");
  }

  @Test
  void manyThreadsCountExactly() throws Exception {
    CaptureSession session = session(CaptureOptions.builder());
    DataSource ds = wrapped(session);
    int threads = 8;
    int perThread = 2_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT x FROM t WHERE id = ?")) {
          go.await();
          for (int i = 0; i < perThread; i++) {
            ps.setInt(1, i);
            readAll(ps.executeQuery());
          }
        } catch (Exception e) {
          errors.add(e);
        }
      });
      workers.add(worker);
      worker.start();
    }
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    assertThat(errors).isEmpty();
    FingerprintSummary summary = session.aggregate().summaries().get(0);
    assertThat(summary.calls()).isEqualTo((long) threads * perThread);
    assertThat(summary.rows()).isEqualTo((long) threads * perThread * StubDriver.ROWS);
    assertThat(events).hasSize(threads * perThread);
  }
}
