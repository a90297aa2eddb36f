package io.querydoctor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CallSiteMode;
import io.querydoctor.core.capture.CaptureFileReader;
import io.querydoctor.core.capture.CaptureListener;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FingerprintSummary;
import io.querydoctor.core.capture.StatementEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time to consume a result: from the driver's return to the last {@code next()} or close, kept apart from the
 * execute time in the event, the aggregate and the capture file. The stub driver takes no time; a manual
 * ticker is advanced by the "driver" (around execute) and by the "application" (while reading rows).
 */
class ResultConsumptionTest {

  private static final String SQL = "SELECT id FROM comments WHERE post_id = ?";

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<StatementEvent> events = new CopyOnWriteArrayList<>();

  private CaptureSession session(boolean countRows, Path file) {
    return session(countRows, true, file);
  }

  private CaptureSession session(boolean countRows, boolean consumeTime, Path file) {
    CaptureOptions.Builder options = CaptureOptions.builder().ticker(now::get).countRows(countRows)
        .consumeTime(consumeTime)
        .callSites(CallSiteMode.OFF).slowQueryLog(false);
    if (file != null) {
      options.captureFile(file);
    }
    CaptureSession session = CaptureSession.start(options.build());
    session.addListener(new CaptureListener() {
      @Override
      public void statementExecuted(StatementEvent event) {
        events.add(event);
      }
    });
    return session;
  }

  /** Runs the query: 2 ms "in the driver" (ticker moved by the stub's execute), 5 ms reading each row. */
  private void runQuery(CaptureSession session, boolean closeEarly) throws SQLException {
    try (Connection c = QueryDoctor.wrap(new TickingDataSource(now, 2_000_000L),
            WrapOptions.defaults().withSession(session).withPooled(true)).getConnection();
        PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setLong(1, 7);
      ResultSet rs = ps.executeQuery();
      while (rs.next()) {
        now.addAndGet(5_000_000L);
        if (closeEarly) {
          break;
        }
      }
      rs.close();
    }
  }

  @Test
  void consumeTimeIsTheTimeFromExecuteReturnToTheLastRowAndIsNotPartOfExecuteTime() throws SQLException {
    CaptureSession session = session(true, null);
    runQuery(session, false);
    assertThat(events).hasSize(1);
    StatementEvent event = events.get(0);
    assertThat(event.elapsedNanos()).isEqualTo(2_000_000L);
    assertThat(event.consumeNanos()).isEqualTo(StubDriver.ROWS * 5_000_000L);
    assertThat(event.rows()).isEqualTo(StubDriver.ROWS);
  }

  @Test
  void aResultClosedBeforeItsEndIsConsumedUntilTheClose() throws SQLException {
    CaptureSession session = session(true, null);
    runQuery(session, true);
    assertThat(events.get(0).consumeNanos()).isEqualTo(5_000_000L);
    assertThat(events.get(0).rows()).isEqualTo(1);
  }

  @Test
  void theAggregateKeepsConsumeTimeApartFromExecuteTime() throws SQLException {
    CaptureSession session = session(true, null);
    runQuery(session, false);
    runQuery(session, true);
    FingerprintSummary summary = session.aggregate().summary(events.get(0).fingerprint().id());
    assertThat(summary.calls()).isEqualTo(2);
    assertThat(summary.totalMillis()).isEqualTo(4.0);
    assertThat(summary.consumedCalls()).isEqualTo(2);
    assertThat(summary.totalConsumeMillis()).isEqualTo(StubDriver.ROWS * 5.0 + 5.0);
    assertThat(summary.maxConsumeMillis()).isEqualTo(StubDriver.ROWS * 5.0);
    assertThat(summary.meanConsumeMillis()).isEqualTo((StubDriver.ROWS * 5.0 + 5.0) / 2);
  }

  @Test
  void withoutRowCountingNothingIsMeasured() throws SQLException {
    CaptureSession session = session(false, null);
    runQuery(session, false);
    assertThat(events.get(0).consumeNanos()).isEqualTo(-1);
    FingerprintSummary summary = session.aggregate().summary(events.get(0).fingerprint().id());
    assertThat(summary.consumedCalls()).isZero();
    assertThat(summary.totalConsumeMillis()).isZero();
  }

  @Test
  void offByDefaultAndThenNotMeasured() throws SQLException {
    assertThat(CaptureOptions.defaults().consumeTime()).isFalse();
    CaptureSession session = session(true, false, null);
    runQuery(session, false);
    assertThat(events.get(0).consumeNanos()).isEqualTo(-1);
    assertThat(events.get(0).rows()).isEqualTo(StubDriver.ROWS);
    assertThat(session.aggregate().summary(events.get(0).fingerprint().id()).consumedCalls()).isZero();
  }

  @Test
  void theCaptureFileCarriesConsumeTimeToTheReplay(@TempDir Path dir) throws SQLException {
    Path file = dir.resolve("app.capture.jsonl");
    CaptureSession session = session(true, file);
    runQuery(session, false);
    session.close();
    CaptureFileReader.Replay replay = new CaptureFileReader().read(file);
    FingerprintSummary summary = replay.aggregate().summary(events.get(0).fingerprint().id());
    assertThat(summary.totalMillis()).isEqualTo(2.0);
    assertThat(summary.totalConsumeMillis()).isEqualTo(StubDriver.ROWS * 5.0);
  }

  /** Stub connections whose prepared statements move the ticker by {@code executeNanos} inside executeQuery. */
  private record TickingDataSource(AtomicLong now, long executeNanos) implements ConnectionSource {

    @Override
    public Connection getConnection() {
      Connection stub = StubDriver.connection();
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
          (p, m, a) -> {
            Object result = invoke(stub, m, a);
            return m.getName().equals("prepareStatement") ? ticking((PreparedStatement) result) : result;
          });
    }

    private PreparedStatement ticking(PreparedStatement stub) {
      return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
            if (m.getName().equals("executeQuery")) {
              now.addAndGet(executeNanos);
            }
            return invoke(stub, m, a);
          });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
