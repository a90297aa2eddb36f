package io.querydoctor.postgres.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.digest.ParseSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real export of the embedded PostgreSQL 17's view (recorded by PgStatStatementsCsvIT), and a broken one. */
class PgStatStatementsCsvTest {

  private static final Path FIXTURES = Path.of("src", "test", "resources", "logs", "pgss-csv");

  @TempDir
  Path tmp;

  @Test
  void readsEveryRowOfARealExportWithMultiLineQueries() throws IOException {
    ParseProblems problems = new ParseProblems();
    PgStatStatementsSnapshot snapshot = PgStatStatementsCsv.read(FIXTURES.resolve("valid.csv"), problems);

    assertThat(problems.skipped()).isZero();
    assertThat(snapshot.rows()).anySatisfy(row -> {
      assertThat(row.query()).isEqualTo("SELECT note FROM csv_items WHERE id = $1");
      assertThat(row.calls()).isEqualTo(25);
      assertThat(row.totalMillis()).isBetween(0.8, 0.9);
      assertThat(row.maxMillis()).isEqualTo(0.038116);
    });
    assertThat(snapshot.rows()).anySatisfy(row -> assertThat(row.query()).contains("\n  FROM csv_items\n"));
  }

  @Test
  void brokenRecordsAreCountedWithTheirLineAndTheRestIsRead() throws IOException {
    ParseProblems problems = new ParseProblems();
    PgStatStatementsSnapshot snapshot = PgStatStatementsCsv.read(FIXTURES.resolve("malformed.csv"), problems);

    ParseSummary summary = problems.summary();
    assertThat(snapshot.rows()).extracting(PgStatStatementsSnapshot.Row::query)
        .containsExactly("SELECT note FROM csv_items WHERE id = $1", "SELECT note FROM other_items WHERE id = $1");
    assertThat(summary.skipped()).isEqualTo(4);
    assertThat(summary.firstLines()).containsExactly(3L, 4L, 5L, 7L);
  }

  @Test
  void aCsvWithoutTheViewsColumnsIsAOneLineError() throws IOException {
    Path other = Files.writeString(tmp.resolve("other.csv"), "a,b,c\n1,2,3\n");

    assertThatThrownBy(() -> PgStatStatementsCsv.read(other, new ParseProblems()))
        .isInstanceOf(IOException.class).hasMessageContaining("needs query, calls and total_exec_time");
  }

  @Test
  void isDetectedByItsHeader() throws IOException {
    byte[] head = Files.readAllBytes(FIXTURES.resolve("valid.csv"));

    assertThat(LogFormat.detect(head, head.length)).isEqualTo(LogFormat.PGSS_CSV);
  }
}
