package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.digest.LogStatement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class PgStderrLogReaderTest {

  private static final String PREFIX = "%m [%p] %q%u@%d ";

  private static PgStderrLogReader reader() {
    return PgStderrLogReader.forPrefix(PREFIX);
  }

  @Test
  void readsEveryStatementAndExecuteOfARealServerLog() {
    LogFixtures log = LogFixtures.read("pg-stderr/valid.log", reader());

    // 175 = `statement:` plus `execute` entries in the file; parse/bind steps and DETAIL lines are not calls.
    assertThat(log.statements()).hasSize(175);
    assertThat(log.summary().skipped()).isZero();
    LogStatement first = log.statements().get(0);
    assertThat(first.sql()).isEqualTo("SET application_name = 'PostgreSQL JDBC Driver'");
    assertThat(first.durationMillis()).isEqualTo(0.235);
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2026-11-21T06:19:59.969Z"));
    assertThat(first.user()).isEqualTo("postgres");
    assertThat(first.database()).isEqualTo("postgres");
  }

  @Test
  void joinsTheContinuationLinesOfAMultiLineStatement() {
    LogFixtures log = LogFixtures.read("pg-stderr/valid.log", reader());

    assertThat(log.statements()).extracting(LogStatement::sql).contains(
        "SELECT owner, count(*)\n  FROM fixture_items\n WHERE id IN (1, 2, 3)\n GROUP BY owner");
  }

  @Test
  void countsExecuteOfNamedServerSidePreparedStatements() {
    LogFixtures log = LogFixtures.read("pg-stderr/valid.log", reader());

    // pgjdbc switches to a named statement (S_1, …) after five executions; each round runs it once.
    assertThat(log.statements()).filteredOn(s -> s.sql().equals("SELECT id, name FROM fixture_items WHERE id = $1"))
        .hasSize(40);
  }

  @Test
  void skipsGarbageNonUtf8AndUnreadableEntriesWithASummary() {
    LogFixtures log = LogFixtures.read("pg-stderr/malformed.log", reader());

    assertThat(log.statements()).hasSize(14);
    assertThat(log.statements().get(13).sql()).isEqualTo("SELECT owner\n  FROM fixture_items\n WHERE id = 7");
    assertThat(log.summary().byReason()).containsEntry(PgStderrLogReader.NO_PREFIX, 3L)
        .containsEntry(PgStderrLogReader.NOT_UTF8, 1L).containsEntry(PgStderrLogReader.BAD_DURATION, 1L);
    assertThat(log.summary().firstLines()).startsWith(21L, 22L, 23L);
  }

  @Test
  void skipsALineLongerThanOneMebibyteAndGoesOn() throws Exception {
    String good = "2026-11-21 06:00:00.000 UTC [1] u@d LOG:  duration: 1.000 ms  statement: SELECT 1\n";
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    log.write(good.getBytes(StandardCharsets.UTF_8));
    log.write(("2026-11-21 06:00:00.000 UTC [1] u@d LOG:  duration: 1.000 ms  statement: SELECT '"
        + "x".repeat(2 << 20) + "'\n").getBytes(StandardCharsets.UTF_8));
    log.write(good.getBytes(StandardCharsets.UTF_8));

    LogFixtures read = LogFixtures.read(new ByteArrayInputStream(log.toByteArray()), reader());

    assertThat(read.statements()).hasSize(2);
    assertThat(read.summary().byReason()).containsEntry("lines longer than 1 MiB", 1L);
    assertThat(read.summary().firstLines()).containsExactly(2L);
  }

  @Test
  void readsGzipTransparently() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(LogFixtures.bytes("pg-stderr/valid.log"));
    }

    LogFixtures log = LogFixtures.read(new ByteArrayInputStream(zipped.toByteArray()), reader());

    assertThat(log.statements()).hasSize(175);
  }

  @Test
  void detectsTheLogLinePrefixFromTheFirstLines() {
    byte[] head = LogFixtures.bytes("pg-stderr/valid.log");

    LogLinePrefix prefix = PgStderrLogReader.detectPrefix(head, Math.min(head.length, 65536));

    assertThat(prefix.template()).isEqualTo(PREFIX);
  }

  @Test
  void detectsPgBadgersRecommendedPrefixWithApplicationAndClient() throws Exception {
    String line = "2026-11-21 06:00:00 UTC [42]: [3-1] user=app,db=shop,app=billing job,client=10.0.0.7 "
        + "LOG:  duration: 2.5 ms  statement: SELECT 1\n";
    byte[] head = (line + line).getBytes(StandardCharsets.UTF_8);
    LogLinePrefix prefix = PgStderrLogReader.detectPrefix(head, head.length);

    LogFixtures log = LogFixtures.read(new ByteArrayInputStream(head), new PgStderrLogReader(prefix));

    assertThat(log.statements()).hasSize(2);
    LogStatement s = log.statements().get(0);
    assertThat(s.application()).isEqualTo("billing job");
    assertThat(s.client()).isEqualTo("10.0.0.7");
    assertThat(s.database()).isEqualTo("shop");
    assertThat(s.user()).isEqualTo("app");
  }

  @Test
  void rejectsAnUnknownEscapeInThePrefix() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogLinePrefix.compile("%m %z "))
        .hasMessageContaining("%z");
  }
}
