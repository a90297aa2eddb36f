package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.remedies.write.WriteStrategy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code querydoctor bench-writes} on the demo database: every strategy's row in the table, and afterwards the
 * table's rows and the catalog as they were. Set {@code -Dbench.writes.rows=10000} to measure for
 * docs/performance.md (the table is printed).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class BenchWritesIT {

  private static final String CATALOG = """
      SELECT count(*) || ':' || string_agg(c.relname || '/' || c.relkind::text, ',' ORDER BY c.relname)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
      """;

  @BeforeAll
  static void demoDatabase(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      new DemoDatabase(new DemoScale(0.01), ProgressListener.NONE).build(c);
    }
  }

  @Test
  void printsTheStrategyTableAndLeavesNoTrace(TestDatabase db) throws SQLException {
    String rows = System.getProperty("bench.writes.rows", "300");
    String catalogBefore = text(db, CATALOG);
    String itemsBefore = text(db, "SELECT count(*) || '/' || max(id) FROM order_items");
    CliRun run = CliRun.of("bench-writes", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox",
        "--table", "order_items", "--rows", rows);
    System.out.println(run.out());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    for (WriteStrategy strategy : WriteStrategy.values()) {
      assertThat(run.out()).contains(strategy.label());
    }
    assertThat(run.out()).contains("rows/s").contains("speed-up").contains("19/s").contains("555/s")
        .contains("shaped like public.order_items (5 columns)");
    assertThat(run.err()).contains("writing " + String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(rows))
        + " rows with each strategy");
    assertThat(text(db, "SELECT count(*) || '/' || max(id) FROM order_items")).isEqualTo(itemsBefore);
    assertThat(text(db, CATALOG)).isEqualTo(catalogBefore);
  }

  @Test
  void refusesWithoutSandboxInOneLine(TestDatabase db) throws SQLException {
    String catalogBefore = text(db, CATALOG);
    CliRun run = CliRun.of("bench-writes", "--url", db.jdbcUrl(), "--user", db.user(), "--table", "order_items");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err().lines()).containsExactly("querydoctor: bench-writes writes (a scratch copy of order_items, "
        + "dropped afterwards): run it only on a database you declare a sandbox with --sandbox");
    assertThat(text(db, CATALOG)).isEqualTo(catalogBefore);
  }

  @Test
  void anUnknownTableIsOneLine(TestDatabase db) {
    CliRun run = CliRun.of("bench-writes", "--url", db.jdbcUrl(), "--user", db.user(), "--sandbox", "--table",
        "no_such_table", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err().lines()).containsExactly("querydoctor: no table no_such_table visible to this user");
  }

  private static String text(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
