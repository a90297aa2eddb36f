package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import io.querydoctor.remedies.write.WriteStrategy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code querydoctor bench-writes} with a MariaDB URL on the embedded MariaDB: the strategy table with LOAD DATA
 * LOCAL, and afterwards the table's rows, AUTO_INCREMENT and information_schema as they were. The table is the
 * MariaDB demo's order_items. Set {@code -Dbench.writes.rows=10000} to measure for docs/performance.md.
 */
@ExtendWith(EmbeddedMariaDbExtension.class)
class BenchWritesMariaDbIT {

  private static final String CATALOG = """
      SELECT CONCAT_WS('|',
        (SELECT GROUP_CONCAT(table_name, ':', COALESCE(auto_increment, '-'), ':', table_rows ORDER BY table_name)
           FROM information_schema.tables WHERE table_schema = DATABASE()),
        (SELECT GROUP_CONCAT(table_name, '.', column_name, ':', column_type ORDER BY table_name, ordinal_position)
           FROM information_schema.columns WHERE table_schema = DATABASE()),
        (SELECT GROUP_CONCAT(table_name, '.', index_name, '.', column_name
           ORDER BY table_name, index_name, seq_in_index)
           FROM information_schema.statistics WHERE table_schema = DATABASE()))
      """;

  @BeforeAll
  static void orderItems(TestMariaDb db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE order_items (id BIGINT AUTO_INCREMENT PRIMARY KEY, order_id BIGINT NOT NULL, "
          + "product_id BIGINT NOT NULL, quantity INT NOT NULL, unit_price DECIMAL(10,2) NOT NULL, "
          + "KEY order_items_order_id_idx (order_id), KEY order_items_product_id_idx (product_id))");
      st.execute("INSERT INTO order_items (order_id, product_id, quantity, unit_price) "
          + "SELECT 1 + seq % 500, 1 + (seq * 31) % 2000, 1 + seq % 3, 1 + seq % 90 FROM seq_1_to_1200");
      st.execute("ANALYZE TABLE order_items");
    }
  }

  @Test
  void printsTheStrategyTableWithLoadDataAndLeavesNoTrace(TestMariaDb db) throws SQLException {
    String rows = System.getProperty("bench.writes.rows", "300");
    String catalogBefore = text(db, CATALOG);
    String itemsBefore = text(db, "SELECT CONCAT(count(*), '/', max(id), '/', sum(unit_price)) FROM order_items");
    CliRun run = CliRun.of("bench-writes", "--url", db.url(), "--user", "root", "--sandbox", "--table",
        "order_items", "--rows", rows);
    System.out.println(run.out());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    for (WriteStrategy strategy : WriteStrategy.values()) {
      if (strategy != WriteStrategy.COPY) {
        assertThat(run.out()).contains(strategy.label());
      }
    }
    assertThat(run.out()).contains("LOAD DATA LOCAL INFILE (streamed)").doesNotContain("COPY")
        .contains("shaped like " + db.name() + ".order_items (5 columns), on MySQL/MariaDB 11.")
        .contains("JDBC batches ran on a connection with useBulkStmtsForInserts=true.")
        .contains("The scratch table was dropped");
    assertThat(run.err()).contains("writing " + String.format(Locale.ROOT, "%,d", Long.parseLong(rows))
        + " rows with each strategy");
    assertThat(text(db, "SELECT CONCAT(count(*), '/', max(id), '/', sum(unit_price)) FROM order_items"))
        .isEqualTo(itemsBefore);
    assertThat(text(db, CATALOG)).isEqualTo(catalogBefore);
  }

  @Test
  void refusesWithoutSandboxInOneLine(TestMariaDb db) throws SQLException {
    String catalogBefore = text(db, CATALOG);
    CliRun run = CliRun.of("bench-writes", "--url", db.url(), "--user", "root", "--table", "order_items");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err().lines()).containsExactly("querydoctor: bench-writes writes (a scratch copy of order_items, "
        + "dropped afterwards): run it only on a database you declare a sandbox with --sandbox");
    assertThat(text(db, CATALOG)).isEqualTo(catalogBefore);
  }

  @Test
  void anUnknownTableIsOneLine(TestMariaDb db) {
    CliRun run = CliRun.of("bench-writes", "--url", db.url(), "--user", "root", "--sandbox", "--table",
        "no_such_table", "-q");
    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err().lines()).containsExactly("querydoctor: no table no_such_table visible to this user");
  }

  private static String text(TestMariaDb db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
