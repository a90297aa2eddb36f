package io.querydoctor.remedies.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import io.querydoctor.remedies.SingleDatabaseSource;
import io.querydoctor.remedies.batch.BatchLoader;
import io.querydoctor.remedies.write.bench.BenchResult;
import io.querydoctor.remedies.write.bench.BenchTable;
import io.querydoctor.remedies.write.bench.ScratchTable;
import io.querydoctor.remedies.write.bench.TableShape;
import io.querydoctor.remedies.write.bench.WriteBenchmark;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MySQL/MariaDB side of bulk writes and batch loading on the real embedded MariaDB: the benchmark's scratch
 * table leaves the source table, its AUTO_INCREMENT and information_schema as they were; LOAD DATA LOCAL writes
 * values as given and fails on a duplicate; {@link BulkWriter} sends multi-row INSERTs with its chunked error
 * contract; the batch loader's {@code IN (…)} runs. Set
 * {@code -Dbench.writes.rows=10000} to print the table at that size.
 */
@ExtendWith(EmbeddedMariaDbExtension.class)
class MariaDbWritesIT {

  /** Everything information_schema says about this database's tables, columns and indexes. */
  private static final String CATALOG = """
      SELECT CONCAT_WS('|',
        (SELECT GROUP_CONCAT(table_name, ':', COALESCE(auto_increment, '-') ORDER BY table_name)
           FROM information_schema.tables WHERE table_schema = DATABASE()),
        (SELECT GROUP_CONCAT(table_name, '.', column_name, ':', column_type, ':', is_nullable
           ORDER BY table_name, ordinal_position) FROM information_schema.columns WHERE table_schema = DATABASE()),
        (SELECT GROUP_CONCAT(table_name, '.', index_name, '.', column_name
           ORDER BY table_name, index_name, seq_in_index)
           FROM information_schema.statistics WHERE table_schema = DATABASE()))
      """;

  private final TestMariaDb db;
  private final DataSource dataSource;

  MariaDbWritesIT(TestMariaDb db) {
    this.db = db;
    this.dataSource = new SingleDatabaseSource(db::connect);
  }

  @BeforeEach
  void tables() throws SQLException {
    execute("DROP TABLE IF EXISTS bulk_item, order_items, post");
    execute("CREATE TABLE order_items (id BIGINT AUTO_INCREMENT PRIMARY KEY, order_id BIGINT NOT NULL, "
        + "product_id BIGINT NOT NULL, quantity INT NOT NULL, unit_price DECIMAL(10,2) NOT NULL, "
        + "KEY order_items_order_id_idx (order_id), KEY order_items_product_id_idx (product_id))");
    execute("INSERT INTO order_items (order_id, product_id, quantity, unit_price) "
        + "SELECT seq, seq % 7, 1 + seq % 3, 1 + seq % 90 FROM seq_1_to_50");
    execute("CREATE TABLE bulk_item (id BIGINT PRIMARY KEY, note TEXT, price DECIMAL(10,2), at DATETIME, ok BOOLEAN)");
  }

  @Test
  void theBenchmarkMeasuresEveryStrategyAndLeavesTheSourceTableAndCatalogAsTheyWere() throws Exception {
    long rows = Long.getLong("bench.writes.rows", 300);
    String before = text(CATALOG);
    String itemsBefore = text("SELECT CONCAT(count(*), '/', max(id), '/', sum(unit_price)) FROM order_items");
    List<BenchResult> results;
    WriteDialect dialect;
    try (Connection plain = db.connect(); Connection batching = DriverManager.getConnection(db.url() + "?"
        + WriteDialect.of(plain).batchRewriteParameter(), "root", "")) {
      dialect = WriteDialect.of(plain);
      TableShape shape = TableShape.read(plain.getMetaData(), "order_items");
      assertThat(shape.schema()).isEqualTo(db.name());
      assertThat(shape.writable()).hasSize(5);
      WriteBenchmark benchmark = new WriteBenchmark(dialect, plain, batching, ProgressListener.NONE);
      try (ScratchTable scratch = ScratchTable.create(plain, dialect, shape, List.of(plain, batching),
          db::connect, warning -> { })) {
        assertThat(scratch.name()).startsWith("`" + db.name() + "`.`querydoctor_bench_");
        results = benchmark.run(scratch, shape, rows);
      }
      assertThat(benchmark.skipped()).isEmpty();
    }
    System.out.println(BenchTable.render(results, dialect));
    assertThat(results).extracting(BenchResult::strategy).containsExactly(WriteStrategy.values());
    assertThat(results).allSatisfy(r -> assertThat(r.rows()).isEqualTo(rows));
    assertThat(BenchTable.render(results, dialect)).contains("LOAD DATA LOCAL INFILE (streamed)")
        .doesNotContain("COPY");
    assertThat(dialect.batchRewriteParameter()).isEqualTo("useBulkStmtsForInserts=true");
    assertThat(text("SELECT CONCAT(count(*), '/', max(id), '/', sum(unit_price)) FROM order_items"))
        .isEqualTo(itemsBefore);
    assertThat(text(CATALOG)).isEqualTo(before).containsPattern("order_items:\\d+\\|");
  }

  @Test
  void withLocalInfileOffTheStreamIsSkippedWithTheSettingToEnable() throws Exception {
    execute("SET GLOBAL local_infile = 0");
    try (Connection plain = db.connect()) {
      WriteDialect dialect = WriteDialect.of(plain);
      assertThat(dialect.canStream(plain)).isFalse();
      assertThat(dialect.streamDisabledReason()).contains("local_infile=ON").contains("allowLocalInfile=true");
    } finally {
      execute("SET GLOBAL local_infile = 1");
    }
    try (Connection refusing = DriverManager.getConnection(db.url() + "?allowLocalInfile=false", "root", "")) {
      assertThat(WriteDialect.of(refusing).canStream(refusing)).isFalse();
    }
  }

  @Test
  void loadDataLocalWritesEveryValueAsGivenAndFailsOnADuplicateInsteadOfSkippingIt() throws Exception {
    List<Object[]> rows = rows(2_000, -1);
    rows.set(7, new Object[] {8L, "tab\there, new\nline, back\\slash", null, null, null});
    try (Connection c = db.connect()) {
      WriteTarget target = WriteTarget.of("`bulk_item`", List.of("id", "note", "price", "at", "ok"),
          WriteDialect.of(c));
      assertThat(WriteDialect.of(c).canStream(c)).isTrue();
      assertThat(WriteStrategy.COPY.write(c, target, rows.iterator(), n -> { })).isEqualTo(2_000);
      SQLException e = catchThrowableOfType(() -> WriteStrategy.COPY.write(c, target,
          List.of(new Object[] {9_999L, "new", null, null, null}, new Object[] {1L, "again", null, null, null})
              .iterator(), n -> { }), SQLException.class);
      assertThat(e.getSQLState()).isEqualTo("23000");
      assertThat(e.getMessage()).contains("loaded 1 of 2 rows").contains("Duplicate entry '1'");
    }
    assertThat(text("SELECT CONCAT(count(*), '/', max(id)) FROM bulk_item")).as("rolled back").isEqualTo("2000/2000");
    assertThat(text("SELECT note FROM bulk_item WHERE id = 8")).isEqualTo("tab\there, new\nline, back\\slash");
    assertThat(text("SELECT CONCAT_WS(' ', price, ok, at) FROM bulk_item WHERE id = 9"))
        .isEqualTo("9.50 0 2024-01-01 00:00:09");
  }

  @Test
  void theBulkWriterSendsMultiRowInsertsOnMariaDbEvenWhereLoadDataIsAllowed() throws Exception {
    BulkWriter.Result result = writer(5_000).write(rows(12_000, -1));
    assertThat(result).isEqualTo(new BulkWriter.Result(12_000, 3, BulkWriter.Method.MULTI_ROW_VALUES));
    assertThat(text("SELECT CONCAT(count(*), '/', sum(price)) FROM bulk_item")).isEqualTo("12000/72012000.00");
  }

  /** A duplicate key at row 7 345 (0-based): the first chunk of 5 000 stays, the second is rolled back. */
  @Test
  void aFailingRowRollsBackItsChunkAndReportsWhatWasCommitted() throws Exception {
    BulkWriteException e = catchThrowableOfType(() -> writer(5_000).write(rows(12_000, 7_345)),
        BulkWriteException.class);
    assertThat(e.committedRows()).isEqualTo(5_000);
    assertThat(e.failedChunkRows()).isEqualTo(5_000);
    assertThat(e.getSQLState()).isEqualTo("23000");
    assertThat(text("SELECT CONCAT(count(*), '/', max(id)) FROM bulk_item")).isEqualTo("5000/5000");
  }

  @Test
  void theBatchLoadersInListRunsOnMariaDb() throws Exception {
    execute("CREATE TABLE post (id BIGINT PRIMARY KEY, user_id BIGINT, title VARCHAR(40))");
    execute("INSERT INTO post SELECT seq, seq % 10, CONCAT('post ', seq) FROM seq_1_to_40");
    BatchLoader<Long, String> loader = BatchLoader.<Long, String>builder(dataSource)
        .query("SELECT id, user_id, title FROM post WHERE user_id IN (:keys) ORDER BY id")
        .key(row -> row.getLong("user_id")).value(row -> row.getString("title")).batchSize(4).build();
    List<CompletableFuture<List<String>>> futures = new ArrayList<>();
    for (long user = 0; user < 11; user++) {
      futures.add(loader.load(user));
    }
    loader.dispatch();
    assertThat(loader.queries()).isEqualTo(3);
    assertThat(futures.get(3).join()).containsExactly("post 3", "post 13", "post 23", "post 33");
    assertThat(futures.get(10).join()).isEmpty();
    Map<Long, List<String>> many = loader.loadMany(List.of(0L, 1L)).join();
    assertThat(many.get(0L)).containsExactly("post 10", "post 20", "post 30", "post 40");
    assertThat(loader.queries()).as("cached in the scope").isEqualTo(3);
    assertThat(SqlDialect.MYSQL).isNotNull();
  }

  private BulkWriter writer(int chunkRows) {
    return BulkWriter.builder(dataSource).table("bulk_item").columns("id", "note", "price", "at", "ok")
        .chunkRows(chunkRows).build();
  }

  /** Rows id 1…n; the row at {@code duplicateAt} repeats id 1. */
  private static List<Object[]> rows(int n, int duplicateAt) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long id = i == duplicateAt ? 1 : i + 1;
      rows.add(new Object[] {id, "note " + id, BigDecimal.valueOf(id).add(new BigDecimal("0.50")),
          OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds(id), id % 2 == 0});
    }
    return rows;
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private String text(String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
