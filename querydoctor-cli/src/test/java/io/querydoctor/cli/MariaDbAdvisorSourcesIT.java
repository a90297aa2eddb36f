package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import io.querydoctor.mysql.embedded.EmbeddedMariaDbExtension;
import io.querydoctor.mysql.embedded.TestMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * #30 on MariaDB: {@code diagnose --sandbox} gives its advisor the statements of the slow log ({@code --log}) and
 * of a JDBC capture ({@code --capture}), whose shapes hold {@code ?} where the values were. Each source holds a
 * lookup only it has (the server's performance_schema is not the advisor's source here): its index is proposed
 * with the source, not without it.
 */
@ExtendWith(EmbeddedMariaDbExtension.class)
class MariaDbAdvisorSourcesIT {

  @TempDir
  static Path dir;

  private static Path slowLog;
  private static Path capture;

  @BeforeAll
  static void logAndCaptureTwoLookups(TestMariaDb db) throws Exception {
    // Rows wide enough that one index fits the default budget (a quarter of the table).
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE shipment (id BIGINT AUTO_INCREMENT PRIMARY KEY, carrier_code INT NOT NULL, "
          + "weight_grams INT NOT NULL, label VARCHAR(300) NOT NULL)");
      st.execute("INSERT INTO shipment (carrier_code, weight_grams, label) SELECT seq % 5000, seq % 7919, "
          + "CONCAT('label ', seq, REPEAT('x', 200)) FROM seq_1_to_40000");
      st.execute("ANALYZE TABLE shipment");
    }
    slowLog = dir.resolve("slow.log");
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("SET GLOBAL log_output = 'FILE'");
      st.execute("SET GLOBAL slow_query_log_file = '" + slowLog + "'");
      st.execute("SET GLOBAL slow_query_log = 1");
      // MariaDB reads both per session: the application's session logs every statement.
      st.execute("SET SESSION slow_query_log = 1");
      st.execute("SET SESSION long_query_time = 0");
      try (PreparedStatement ps = c.prepareStatement("SELECT id, label FROM shipment WHERE carrier_code = ?")) {
        for (int i = 1; i <= 30; i++) {
          ps.setInt(1, i);
          ps.executeQuery().close();
        }
      }
      st.execute("SET GLOBAL slow_query_log = 0");
    }
    capture = dir.resolve("app.capture.jsonl");
    MariaDbDataSource plain = new MariaDbDataSource(db.url());
    plain.setUser("root");
    try (CaptureSession session = CaptureSession.start(CaptureOptions.builder().captureFile(capture).build())) {
      DataSource captured = QueryDoctor.wrap(plain, WrapOptions.defaults().withSession(session).withPooled(true));
      try (Connection c = captured.getConnection(); Scope scope = session.scope("GET /parcels-by-weight")) {
        for (int weight = 1; weight <= 40; weight++) {
          try (PreparedStatement ps = c.prepareStatement("SELECT id, label FROM shipment WHERE weight_grams = ?")) {
            ps.setInt(1, weight);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rs.getLong(1);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void theSlowLogsStatementsReachTheAdvisor(TestMariaDb db) throws Exception {
    JsonNode with = diagnose(db, "--sandbox", "--log", slowLog.toString());
    assertThat(indexOn(with, "carrier_code")).as(with.toString()).isTrue();
    assertThat(indexOn(with, "weight_grams")).as("only the capture has that lookup").isFalse();
    assertThat(with.toString()).as("literals stay redacted").doesNotContain("carrier_code = 7");
  }

  @Test
  void theCapturedStatementsReachTheAdvisor(TestMariaDb db) throws Exception {
    JsonNode with = diagnose(db, "--sandbox", "--capture", capture.toString());
    assertThat(indexOn(with, "weight_grams")).as(with.toString()).isTrue();
    assertThat(indexOn(with, "carrier_code")).as("only the slow log has that lookup").isFalse();
  }

  @Test
  void withoutEitherSourceNothingIsProposedAndTheSkippedLineSaysWhatItNeeds(TestMariaDb db) throws Exception {
    JsonNode without = diagnose(db, "--sandbox");
    assertThat(indexOn(without, "carrier_code")).as(without.toString()).isFalse();
    assertThat(indexOn(without, "weight_grams")).as(without.toString()).isFalse();
    assertThat(without.get("skipped").toString()).contains("index-advisor").contains("--log FILE");
    JsonNode notASandbox = diagnose(db, "--log", slowLog.toString());
    assertThat(indexOn(notASandbox, "carrier_code")).as("candidates are built only on a sandbox").isFalse();
    assertThat(notASandbox.get("skipped").toString()).contains("--sandbox");
  }

  private static JsonNode diagnose(TestMariaDb db, String... options) throws Exception {
    String[] args = new String[options.length + 9];
    String[] base = {"diagnose", "--url", db.url(), "--user", "root", "--format", "json", "--fail-on", "none"};
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(options, 0, args, base.length, options.length);
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    return new ObjectMapper().readTree(run.out());
  }

  private static boolean indexOn(JsonNode report, String column) {
    for (JsonNode f : report.get("findings")) {
      if (f.get("ruleId").asText().equals("missing-index")
          && f.path("fix").path("sql").asText().matches("(?s).*shipment.*\\(`?" + column + ".*")) {
        return true;
      }
    }
    return false;
  }
}
