package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.digest.LogStatement;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PgCsvLogReaderTest {

  @Test
  void readsTheSameStatementsAsTheStderrLogOfTheSameServer() {
    LogFixtures csv = LogFixtures.read("pg-csv/valid.csv", new PgCsvLogReader());
    LogFixtures stderr = LogFixtures.read("pg-stderr/valid.log", PgStderrLogReader.forPrefix("%m [%p] %q%u@%d "));

    assertThat(csv.summary().skipped()).isZero();
    assertThat(csv.statements()).extracting(LogStatement::sql)
        .containsExactlyElementsOf(stderr.statements().stream().map(LogStatement::sql).toList());
    LogStatement first = csv.statements().get(0);
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2026-11-21T06:19:59.969Z"));
    assertThat(first.application()).isEqualTo("PostgreSQL JDBC Driver");
    assertThat(first.client()).isEqualTo("127.0.0.1");
  }

  @Test
  void skipsBrokenRecordsWithoutSwallowingTheRecordsAfterThem() {
    LogFixtures csv = LogFixtures.read("pg-csv/malformed.csv", new PgCsvLogReader());

    // Line 21 opens a quote it never closes: it takes line 22 with it, and stops at the record on line 23.
    assertThat(csv.summary().byReason()).containsEntry(PgCsvLogReader.TRUNCATED, 2L)
        .containsEntry("entries with non-UTF-8 bytes", 1L);
    assertThat(csv.summary().firstLines()).startsWith(21L, 23L);
    assertThat(csv.statements()).isNotEmpty().allSatisfy(s -> assertThat(s.sql()).doesNotContain("truncated"));
  }

  @Test
  void countsARecordWithTooFewColumnsAsMalformed() throws Exception {
    String log = "2026-11-21 06:00:00.000 UTC,\"u\",\"d\",1,LOG\n";

    LogFixtures csv = LogFixtures.read(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
        new PgCsvLogReader());

    assertThat(csv.statements()).isEmpty();
    assertThat(csv.summary().byReason()).containsEntry(PgCsvLogReader.MALFORMED, 1L);
  }
}
