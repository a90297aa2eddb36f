package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.mysql.embedded.EmbeddedMariaDb;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --url} and {@code advise --sandbox} on a jdbc:mariadb:// URL, against the embedded MariaDB. */
@ExtendWith(EmbeddedMariaDbExtension.class)
class MysqlExplainAdviseIT {

  @BeforeAll
  static void schema(TestMariaDb db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(16) NOT NULL, "
          + "total DECIMAL(10,2) NOT NULL)");
      s.execute("INSERT INTO orders SELECT seq, 1 + seq % 3000, IF(seq % 100 = 0, 'open', 'shipped'), seq % 1000 "
          + "FROM seq_1_to_30000");
      s.execute("ANALYZE TABLE orders");
    }
  }

  /** What the tool may send while explaining: reads, EXPLAIN/ANALYZE of a read, session settings, read-only tx. */
  private static final Pattern READ_ONLY = Pattern.compile("(?is)^(/\\*.*?\\*/\\s*)*(SELECT|SHOW|EXPLAIN FORMAT=JSON "
      + "SELECT|ANALYZE FORMAT=JSON SELECT|SET\\s+(SESSION\\s+)?(?!GLOBAL|PERSIST)|START TRANSACTION READ ONLY$|ROLLBACK$)");

  @Test
  void explainsOnTheServerWithTheSameTreeAndFixes(TestMariaDb db) throws SQLException {
    CliRun analyzed;
    List<String> sent = new ArrayList<>();
    try (Connection audit = db.connect(); Statement st = audit.createStatement()) {
      long own;
      try (ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
        rs.next();
        own = rs.getLong(1);
      }
      String output;
      try (ResultSet rs = st.executeQuery("SELECT @@GLOBAL.log_output")) {
        rs.next();
        output = rs.getString(1);
      }
      st.execute("SET GLOBAL log_output = 'TABLE'");
      st.execute("TRUNCATE TABLE mysql.general_log");
      st.execute("SET GLOBAL general_log = 1");
      try {
        analyzed = CliRun.of("explain", "--url", db.url(), "--user", "root", "--analyze",
            "SELECT * FROM orders WHERE customer_id = 42", "-q");
      } finally {
        st.execute("SET GLOBAL general_log = 0");
        st.execute("SET GLOBAL log_output = '" + output + "'");
      }
      try (ResultSet rs = st.executeQuery("SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log WHERE "
          + "thread_id <> " + own + " AND command_type IN ('Query', 'Prepare', 'Execute')")) {
        while (rs.next()) {
          sent.add(rs.getString(1));
        }
      }
    }
    assertThat(sent).anyMatch(sql -> sql.contains("ANALYZE FORMAT=JSON SELECT"));
    assertThat(sent).as("statements other than reads, session settings and read-only transactions")
        .filteredOn(sql -> !READ_ONLY.matcher(sql.strip()).find()).isEmpty();
    assertThat(analyzed.exitCode()).as(analyzed.err()).isIn(0, 1);
    assertThat(analyzed.out()).contains("ANALYZE FORMAT=JSON on MariaDB").contains("rolled back")
        .contains("Table scan on orders").contains("seq-scan-large-table")
        .contains("ALTER TABLE `orders` ADD INDEX `idx_orders_customer_id` (`customer_id`), ALGORITHM=INPLACE, "
            + "LOCK=NONE;");
    CliRun planned = CliRun.of("explain", "--url", db.url(), "--user", "root",
        "SELECT * FROM orders WHERE customer_id = 42", "-q");
    assertThat(planned.out()).contains("EXPLAIN FORMAT=JSON on MariaDB").contains("nothing ran");
  }

  @Test
  void aWriteOrAPostgresOnlyOptionIsOneLineAndExitTwo(TestMariaDb db) {
    CliRun write = CliRun.of("explain", "--url", db.url(), "--user", "root", "DELETE FROM orders WHERE id = 1");
    assertThat(write.exitCode()).isEqualTo(2);
    assertThat(write.errorLine()).contains("only reads");
    assertThat(write.err()).doesNotContain("\tat ");
    CliRun set = CliRun.of("explain", "--url", db.url(), "--user", "root", "--set", "work_mem=64MB", "SELECT 1");
    assertThat(set.exitCode()).isEqualTo(2);
    assertThat(set.errorLine()).contains("--set is PostgreSQL-only");
  }

  @Test
  void advisesOnADeclaredSandboxOnly(TestMariaDb db, EmbeddedMariaDb server, @TempDir Path dir) throws Exception {
    Path workload = dir.resolve("workload.sql");
    Files.writeString(workload, "-- weight: 600\nSELECT * FROM orders WHERE customer_id = 42;\n");
    CliRun refused = CliRun.of("advise", "--url", db.url(), "--user", "root", "--workload", workload.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.errorLine()).contains("needs --sandbox");
    CliRun advised = CliRun.of("advise", "--url", db.url(), "--user", "root", "--sandbox", "--budget", "10MB", "--workload",
        workload.toString(), "-q");
    assertThat(advised.exitCode()).as(advised.err()).isIn(0, 1);
    assertThat(advised.out()).contains("missing-index")
        .contains("ALTER TABLE `orders` ADD INDEX `idx_orders_customer_id` (`customer_id`), ALGORITHM=INPLACE, "
            + "LOCK=NONE;");
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = "
             + "DATABASE() AND index_name LIKE 'qd_whatif%'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("what-if indexes left behind").isZero();
    }
  }
}
