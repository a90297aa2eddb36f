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
}
