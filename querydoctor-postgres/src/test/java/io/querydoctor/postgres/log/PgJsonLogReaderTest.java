package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.digest.LogStatement;
import org.junit.jupiter.api.Test;

class PgJsonLogReaderTest {

  @Test
  void readsTheSameStatementsAsTheStderrLogOfTheSameServer() {
    LogFixtures json = LogFixtures.read("pg-json/valid.json", new PgJsonLogReader());
    LogFixtures stderr = LogFixtures.read("pg-stderr/valid.log", PgStderrLogReader.forPrefix("%m [%p] %q%u@%d "));

    assertThat(json.summary().skipped()).isZero();
    assertThat(json.statements()).extracting(LogStatement::sql)
        .containsExactlyElementsOf(stderr.statements().stream().map(LogStatement::sql).toList());
    assertThat(json.statements()).extracting(LogStatement::durationMillis)
        .containsExactlyElementsOf(stderr.statements().stream().map(LogStatement::durationMillis).toList());
    assertThat(json.statements().get(0).database()).isEqualTo("postgres");
  }

  @Test
  void skipsGarbageTruncatedAndNonUtf8Lines() {
    LogFixtures json = LogFixtures.read("pg-json/malformed.json", new PgJsonLogReader());

    assertThat(json.statements()).hasSize(19);
    assertThat(json.summary().byReason()).containsEntry(PgJsonLogReader.MALFORMED, 2L)
        .containsEntry(PgJsonLogReader.BAD_DURATION, 1L).containsEntry("entries with non-UTF-8 bytes", 1L);
    assertThat(json.summary().firstLines()).containsExactly(21L, 22L, 23L, 64L);
  }
}
