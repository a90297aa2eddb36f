package io.querydoctor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CaptureListener;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.StatementEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A plain statement's batch itemises at most 1 000 distinct texts; the statements past that bound are recorded
 * together (regression: they were neither recorded nor counted, so a batch's count came out short).
 */
class BatchBoundsTest {

  private final List<StatementEvent> events = new CopyOnWriteArrayList<>();

  private int batchOf(int distinctTexts, int repeatsOfFirstBeyond) throws SQLException {
    CaptureSession session = CaptureSession.start(CaptureOptions.builder().slowQueryLog(false).build());
    session.addListener(new CaptureListener() {
      @Override
      public void statementExecuted(StatementEvent event) {
        events.add(event);
      }
    });
    try (Connection c = QueryDoctor.wrap(new StubDataSource(), WrapOptions.defaults().withSession(session)
        .withPooled(true)).getConnection(); Statement s = c.createStatement()) {
      for (int i = 0; i < distinctTexts; i++) {
        s.addBatch("INSERT INTO t (c" + i + ") VALUES (" + i + ")");
      }
      for (int i = 0; i < repeatsOfFirstBeyond; i++) {
        s.addBatch("INSERT INTO t (c1000) VALUES (1000)");
      }
      s.executeBatch();
    }
    return events.stream().mapToInt(StatementEvent::batchSize).sum();
  }

  @Test
  void statementsBeyondTheItemisedTextsAreCountedUnderTheFirstOfThem() throws SQLException {
    assertThat(batchOf(1_500, 2)).isEqualTo(1_502);
    assertThat(events).hasSize(1_001);
    assertThat(events.get(1_000).sql()).isEqualTo("INSERT INTO t (c1000) VALUES (1000)");
    assertThat(events.get(1_000).batchSize()).isEqualTo(502);
  }

  @Test
  void aBatchWithinTheBoundIsItemisedTextByText() throws SQLException {
    assertThat(batchOf(1_000, 0)).isEqualTo(1_000);
    assertThat(events).hasSize(1_000).allSatisfy(e -> assertThat(e.batchSize()).isEqualTo(1));
  }
}
