package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class DigestStatementsIT {

  private static void lookups(Connection c, int times) throws SQLException {
    try (PreparedStatement lookup = c.prepareStatement("SELECT id FROM digest_items WHERE id = ?")) {
      for (int i = 0; i < times; i++) {
        lookup.setInt(1, i);
        try (ResultSet rs = lookup.executeQuery()) {
          rs.next();
        }
      }
    }
  }

  private static long lookupCalls(JsonNode report) {
    for (JsonNode shape : report.at("/workload/digest/shapes")) {
      if (shape.get("example").asText().equals("SELECT id FROM digest_items WHERE id = ?")) {
        return shape.get("calls").asLong();
      }
    }
    return 0;
  }

  @Test
  void digestsPgStatStatementsAndItsDeltaOverAnInterval(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        s.execute("CREATE TABLE digest_items AS SELECT g AS id FROM generate_series(1, 100) g");
      }
      lookups(c, 30);

      CliRun total = CliRun.of("digest", "--url", db.jdbcUrl(), "--user", db.user(), "--format", "json", "-q",
          "--top", "100");
      Thread during = new Thread(() -> {
        try (Connection other = db.connect()) {
          Thread.sleep(300);
          lookups(other, 20);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      during.start();
      CliRun delta = CliRun.of("digest", "--url", db.jdbcUrl(), "--user", db.user(), "--interval", "2",
          "--format", "json", "-q", "--top", "100");
      during.join();

      assertThat(total.exitCode()).as(total.err()).isEqualTo(ExitCode.CLEAN);
      JsonNode all = new ObjectMapper().readTree(total.out());
      assertThat(lookupCalls(all)).isGreaterThanOrEqualTo(30);
      assertThat(all.at("/workload/digest/source").asText()).startsWith("pg_stat_statements on ");
      JsonNode interval = new ObjectMapper().readTree(delta.out());
      assertThat(lookupCalls(interval)).isEqualTo(20);
      assertThat(interval.at("/workload/digest/firstSeen").isMissingNode()).isFalse();
    }
  }

  @Test
  void filesAndUrlTogetherAreAOneLineError(TestDatabase db) {
    CliRun run = CliRun.of("digest", "--url", db.jdbcUrl(), "some.log");

    assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errorLine()).isEqualTo("querydoctor: give either log FILEs or --url for pg_stat_statements, not both");
  }
}
