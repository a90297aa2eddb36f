package io.querydoctor.demo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresExtension.class)
class EmbeddedServerIT {

  @Test
  void preloadsStatisticsExtensionsAndIoTiming(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      assertThat(setting(s, "shared_preload_libraries")).contains("pg_stat_statements").contains("auto_explain");
      assertThat(setting(s, "track_io_timing")).isEqualTo("on");
      s.execute("CREATE EXTENSION pg_stat_statements");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_statements")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void givesEachTestClassItsOwnDatabase(TestDatabase db, EmbeddedServer server) throws SQLException {
    assertThat(db.name()).startsWith("embeddedserverit_");
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_database()")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(db.name());
    }
    assertThat(server.jdbcUrl(db.name())).isEqualTo(db.jdbcUrl());
  }

  @Test
  void rejectsDatabaseNamesThatAreNotPlainIdentifiers(EmbeddedServer server) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.createDatabase("x; DROP DATABASE postgres"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String setting(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
