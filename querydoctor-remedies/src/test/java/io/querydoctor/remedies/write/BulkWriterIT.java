package io.querydoctor.remedies.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.remedies.SingleDatabaseSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BulkWriter} on a real PostgreSQL: the method it picks, the rows it writes, and its error contract. */
@ExtendWith(EmbeddedPostgresExtension.class)
class BulkWriterIT {

  private final TestDatabase db;
  private final DataSource dataSource;

  BulkWriterIT(TestDatabase db) {
    this.db = db;
    this.dataSource = new SingleDatabaseSource(db);
  }

  @BeforeEach
  void table() throws SQLException {
    execute("DROP TABLE IF EXISTS bulk_item");
    execute("CREATE TABLE bulk_item (id bigint PRIMARY KEY, note text, price numeric(10,2), at timestamptz,"
        + " ok boolean)");
  }

  @Test
  void copyIsChosenForPgjdbcAndWritesEveryValueAsGiven() throws Exception {
    List<Object[]> rows = rows(25_000, -1);
    rows.set(7, new Object[] {8L, "tab\there, new\nline, back\\slash", null, null, null});
    BulkWriter.Result result = writer(true, 10_000).write(rows);
    assertThat(result).isEqualTo(new BulkWriter.Result(25_000, 3, BulkWriter.Method.COPY));
    assertThat(count()).isEqualTo(25_000);
    assertThat(text("SELECT note FROM bulk_item WHERE id = 8")).isEqualTo("tab\there, new\nline, back\\slash");
    assertThat(text("SELECT price || ' ' || ok || ' ' || (at AT TIME ZONE 'UTC') FROM bulk_item WHERE id = 9"))
        .isEqualTo("9.50 false 2024-01-01 00:00:09");
  }

  @Test
  void withoutCopyItSendsMultiRowInserts() throws Exception {
    BulkWriter.Result result = writer(false, 10_000).write(rows(2_500, -1));
    assertThat(result).isEqualTo(new BulkWriter.Result(2_500, 1, BulkWriter.Method.MULTI_ROW_VALUES));
    assertThat(count()).isEqualTo(2_500);
  }

  @Test
  void behindTheCaptureLayerCopyIsStillFound() throws Exception {
    BulkWriter writer = BulkWriter.builder(QueryDoctor.wrap(dataSource)).table("public.bulk_item")
        .columns("id", "note", "price", "at", "ok").build();
    assertThat(writer.write(rows(100, -1)).method()).isEqualTo(BulkWriter.Method.COPY);
  }

  /** A duplicate key at row 12 345 (0-based): the first two chunks of 5 000 stay, the third is rolled back. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aFailingRowRollsBackItsChunkAndReportsWhatWasCommitted(boolean copy) throws Exception {
    BulkWriteException e = catchThrowableOfType(() -> writer(copy, 5_000).write(rows(20_000, 12_345)),
        BulkWriteException.class);
    assertThat(e.committedRows()).isEqualTo(10_000);
    assertThat(e.failedChunkRows()).isEqualTo(5_000);
    assertThat(e.getSQLState()).isEqualTo("23505");
    assertThat(e.getMessage()).startsWith("bulk write stopped: rows 10000 to 14999 were rolled back");
    assertThat(count()).isEqualTo(10_000);
    assertThat(text("SELECT max(id)::text FROM bulk_item")).isEqualTo("10000");
  }

  private BulkWriter writer(boolean copy, int chunk) {
    return BulkWriter.builder(dataSource).table("bulk_item").columns("id", "note", "price", "at", "ok")
        .chunkRows(chunk).allowCopy(copy).build();
  }

  /** Rows with ids 1…n; the row at {@code duplicateAt} repeats the first row's id. */
  private static List<Object[]> rows(int n, int duplicateAt) {
    List<Object[]> rows = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      long id = i - 1 == duplicateAt ? 1 : i;
      rows.add(new Object[] {id, "note " + i, BigDecimal.valueOf(i % 1000).add(new BigDecimal("0.50")),
          OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds(i), i % 2 == 0});
    }
    return rows;
  }

  private long count() throws SQLException {
    return Long.parseLong(text("SELECT count(*)::text FROM bulk_item"));
  }

  private String text(String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
