package io.querydoctor.core.digest.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogInput;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.digest.ParseSummary;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySqlSlowLogReaderTest {

  private ParseSummary summary;

  private List<LogStatement> read(String fixture) throws Exception {
    ParseProblems problems = new ParseProblems();
    try (InputStream in = getClass().getResourceAsStream("/logs/mysql-slow/" + fixture);
        LineReader lines = new LineReader(LogInput.decompressed(in), problems)) {
      List<LogStatement> statements = new MySqlSlowLogReader().read(lines).toList();
      summary = problems.summary();
      return statements;
    }
  }

  @Test
  void readsMySql8EntriesWithHeadersUseAndTimestamp() throws Exception {
    List<LogStatement> statements = read("valid.log");

    // The administrator command (Quit) is not a statement; the banner is not an error.
    assertThat(statements).hasSize(4);
    assertThat(summary.skipped()).isZero();
    LogStatement first = statements.get(0);
    assertThat(first.sql()).isEqualTo("SELECT id, name FROM customers WHERE id = 42");
    assertThat(first.durationMillis()).isEqualTo(0.512);
    assertThat(first.lockMillis()).isEqualTo(0.003, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(first.rowsSent()).isEqualTo(1);
    assertThat(first.rowsExamined()).isEqualTo(1);
    assertThat(first.database()).isEqualTo("shop");
    assertThat(first.user()).isEqualTo("shop");
    assertThat(first.client()).isEqualTo("10.0.0.5");
    assertThat(first.timestamp()).isEqualTo(Instant.ofEpochSecond(1795248000));
  }

  @Test
  void keepsMultiLineStatementsAndCarriesTheDatabaseOver() throws Exception {
    List<LogStatement> statements = read("valid.log");

    assertThat(statements.get(1).sql()).startsWith("SELECT o.id, o.total\n  FROM orders o").endsWith("LIMIT 10");
    assertThat(statements.get(1).database()).isEqualTo("shop");
    assertThat(statements.get(1).rowsExamined()).isEqualTo(120000);
    assertThat(statements.get(3).database()).isEqualTo("reporting");
    assertThat(statements.get(3).client()).isEqualTo("localhost");
  }

  @Test
  void readsMariaDbHeadersWithSchemaAndShortTime() throws Exception {
    List<LogStatement> statements = read("mariadb.log");

    assertThat(statements).hasSize(3);
    assertThat(summary.skipped()).isZero();
    assertThat(statements).allSatisfy(s -> assertThat(s.database()).isEqualTo("sbtest"));
    assertThat(statements.get(1).sql()).isEqualTo("SELECT c FROM sbtest1 WHERE id=4977");
    // No SET timestamp in the last entry: `# Time: 261121  6:00:01` (server time, read as UTC).
    assertThat(statements.get(2).timestamp()).isEqualTo(Instant.parse("2026-11-21T06:00:01Z"));
  }

  @Test
  void skipsBrokenEntriesAndSaysWhere() throws Exception {
    List<LogStatement> statements = read("malformed.log");

    assertThat(statements).extracting(LogStatement::sql)
        .containsExactly("SELECT id FROM customers WHERE id = 7", "SELECT id FROM customers WHE");
    assertThat(summary.byReason()).containsEntry(MySqlSlowLogReader.NOT_UTF8, 1L)
        .containsEntry(MySqlSlowLogReader.BAD_HEADER, 1L).containsEntry(MySqlSlowLogReader.NO_QUERY_TIME, 1L);
    assertThat(summary.firstLines()).containsExactly(1L, 7L, 11L);
  }

  @Test
  void readsHeaderFieldsInTheUsualOrderInAnyOtherOrderAndWhenSomeAreMissing() throws Exception {
    List<LogStatement> statements = read("header-order.log");

    assertThat(summary.skipped()).isZero();
    assertThat(statements).extracting(LogStatement::rowsSent).containsExactly(3L, 7L, -1L, 1L);
    assertThat(statements).extracting(LogStatement::rowsExamined).containsExactly(30L, 70L, -1L, 1L);
    assertThat(statements).extracting(LogStatement::lockMillis).containsExactly(1.0, 2.0, 3.0, 4.0);
    assertThat(statements).extracting(LogStatement::durationMillis).containsExactly(250.0, 500.0, 750.0, 1000.0);
    // Schema: found even when MariaDB's Thread_id line has another field before it.
    assertThat(statements.get(3).database()).isEqualTo("archive");
    // A single-line statement is trimmed of blanks around it and of its final semicolon.
    assertThat(statements.get(0).sql()).isEqualTo("SELECT id FROM customers WHERE id = 1");
  }
}
