package io.querydoctor.remedies.write.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.remedies.write.WriteDialect;
import io.querydoctor.remedies.write.WriteStrategy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every strategy writes synthetic rows into a scratch copy of a table with awkward columns (identity, serial,
 * generated, unique text, jsonb, uuid, numeric, a CHECK), and afterwards the original table, its sequences and
 * the catalog are exactly as before.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class WriteBenchmarkIT {

  private static final String TRACE = """
      SELECT string_agg(c.relname || ':' || c.relkind::text || ':' || c.relnatts, ',' ORDER BY c.relname)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
      """;
  private static final String SEQUENCES =
      "SELECT string_agg(sequencename || '=' || coalesce(last_value, 0), ',' ORDER BY sequencename) FROM pg_sequences";

  @BeforeAll
  static void schema(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS shipment");
      s.execute("""
          CREATE TABLE shipment (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            seq serial NOT NULL,
            code varchar(12) NOT NULL UNIQUE,
            weight numeric(8,3) NOT NULL CHECK (weight >= 0),
            shipped_at timestamptz NOT NULL DEFAULT now(),
            day date,
            express boolean NOT NULL DEFAULT false,
            tracking uuid NOT NULL,
            meta jsonb,
            qty smallint NOT NULL,
            price_cents bigint GENERATED ALWAYS AS (qty * 100) STORED,
            note text)""");
      s.execute("INSERT INTO shipment (code, weight, tracking, qty) VALUES ('A-1', 1.5, gen_random_uuid(), 2)");
    }
  }

  @Test
  void everyStrategyWritesEveryRowAndNothingIsLeftBehind(TestDatabase db) throws SQLException {
    String catalogBefore = text(db, TRACE);
    String sequencesBefore = text(db, SEQUENCES);
    List<BenchResult> results;
    List<String> steps = new ArrayList<>();
    try (Connection plain = db.connect(); Connection rewriting = rewriting(db)) {
      WriteDialect dialect = WriteDialect.of(plain);
      TableShape shape = TableShape.read(plain.getMetaData(), "shipment");
      assertThat(shape.columns()).hasSize(12);
      assertThat(shape.writable()).extracting(ColumnShape::name).doesNotContain("price_cents");
      assertThat(shape.columns()).filteredOn(ColumnShape::unique).extracting(ColumnShape::name)
          .containsExactlyInAnyOrder("id", "code");
      try (ScratchTable scratch = ScratchTable.create(plain, dialect, shape, List.of(plain, rewriting),
          db::connect, steps::add)) {
        assertThat(text(db, TRACE)).contains(scratch.unquotedName());
        results = new WriteBenchmark(dialect, plain, rewriting, new Counting()).run(scratch, shape, 1_500);
      }
    }
    assertThat(results).extracting(BenchResult::strategy).containsExactly(WriteStrategy.values());
    assertThat(results).allSatisfy(r -> {
      assertThat(r.rows()).isEqualTo(1_500);
      assertThat(r.seconds()).isPositive();
    });
    assertThat(text(db, "SELECT count(*)::text FROM shipment")).isEqualTo("1");
    assertThat(text(db, TRACE)).isEqualTo(catalogBefore).doesNotContain("querydoctor_bench");
    assertThat(text(db, SEQUENCES)).isEqualTo(sequencesBefore);
    assertThat(steps).as("no cleanup warnings").isEmpty();
  }

  @Test
  void aNotNullColumnOfAnUnknownTypeIsNamed(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS tagged");
      s.execute("CREATE TABLE tagged (id int PRIMARY KEY, tags text[] NOT NULL)");
      TableShape shape = TableShape.read(c.getMetaData(), "tagged");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SyntheticRows(shape.writable()))
          .hasMessage("column tags is NOT NULL and of type _text, which bench-writes cannot generate values for");
    }
  }

  private static Connection rewriting(TestDatabase db) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", db.user());
    return DriverManager.getConnection(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?")
        + WriteDialect.of(db.connect()).batchRewriteParameter(), properties);
  }

  private static String text(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Progress must count up to the rows of each strategy. */
  private static final class Counting implements ProgressListener {
    @Override
    public void step(String description) {}

    @Override
    public void progress(String task, long done, long total) {
      assertThat(done).isBetween(0L, total);
    }
  }
}
