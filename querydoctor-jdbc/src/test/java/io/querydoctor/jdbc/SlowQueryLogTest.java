package io.querydoctor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The slow-query log line: one WARN line with duration, fingerprint, call site and the redacted statement. */
class SlowQueryLogTest {

  @Test
  void aSlowStatementIsLoggedRedactedWithItsCallSite() throws Exception {
    AtomicLong nanos = new AtomicLong();
    // Every clock read is 150 ms after the previous one: each statement "takes" 150 ms.
    CaptureSession session = CaptureSession.start(CaptureOptions.builder()
        .ticker(() -> nanos.addAndGet(150_000_000L)).build());
    try (Connection c = QueryDoctor.wrap(new StubDataSource(), WrapOptions.defaults().withSession(session)
            .withPooled(true)).getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE accounts SET secret = 'hunter2' WHERE id = ?")) {
      ps.setInt(1, 42);
      ps.executeUpdate();
    }
    String fingerprint = session.aggregate().summaries().get(0).fingerprintId();
    String log = Files.readString(Path.of("target/querydoctor-jdbc-test.log"));
    assertThat(log.lines().filter(line -> line.contains("fingerprint=" + fingerprint)))
        .singleElement().satisfies(line -> assertThat(line)
            .contains("WARN io.querydoctor.slow-query - slow query 150.0 ms")
            .contains("at " + SlowQueryLogTest.class.getName() + ".aSlowStatementIsLoggedRedactedWithItsCallSite(")
            .endsWith("UPDATE accounts SET secret = ? WHERE id = ?")
            .doesNotContain("hunter2"));
  }

  @Test
  void aSlowStatementInAScopeIsLoggedAndAFastOneIsNot() throws Exception {
    // Regression guard: a statement its scope keeps reaches the slow-query log only when it is slow. The table
    // names are new in every run, since the log file outlives a run.
    String table = "orders_" + System.nanoTime();
    AtomicLong nanos = new AtomicLong();
    AtomicLong step = new AtomicLong(150_000_000L);
    CaptureSession session = CaptureSession.start(CaptureOptions.builder()
        .ticker(() -> nanos.addAndGet(step.get())).build());
    try (Connection c = QueryDoctor.wrap(new StubDataSource(), WrapOptions.defaults().withSession(session)
            .withPooled(true)).getConnection();
        var scope = session.scope("POST /orders")) {
      try (PreparedStatement slow = c.prepareStatement("UPDATE " + table + " SET note = 'slow' WHERE id = ?")) {
        slow.setInt(1, 1);
        slow.executeUpdate();
      }
      step.set(1_000L);
      try (PreparedStatement fast = c.prepareStatement("UPDATE " + table + " SET status = 'fast' WHERE id = ?")) {
        fast.setInt(1, 2);
        fast.executeUpdate();
      }
    }
    String log = Files.readString(Path.of("target/querydoctor-jdbc-test.log"));
    String slowId = idOf(session, "note");
    String fastId = idOf(session, "status");
    assertThat(slowId).isNotEqualTo(fastId);
    assertThat(log.lines().filter(line -> line.contains("fingerprint=" + slowId))).singleElement()
        .satisfies(line -> assertThat(line).contains("slow query 150.0 ms"));
    assertThat(log.lines().filter(line -> line.contains("fingerprint=" + fastId))).isEmpty();
  }

  private static String idOf(CaptureSession session, String column) {
    return session.aggregate().summaries().stream().filter(s -> s.example().contains(column)).findFirst()
        .orElseThrow().fingerprintId();
  }
}
