package io.querydoctor.postgres.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Drives a small workload against a PostgreSQL server that logs with {@code log_min_duration_statement = 0}:
 * the source of the {@code logs/pg-*} fixtures and of the benchmark inputs. Run with
 * {@code <jdbc url> <rounds>}. The server is started by hand from the embedded binaries, with the logging
 * collector writing stderr, csvlog and jsonlog at once (zonky's start-up check does not cope with the
 * collector); the commands are in {@code docs/performance.md}.
 */
public final class PgLogGenerator {

  private PgLogGenerator() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[1]);
    try (Connection c = DriverManager.getConnection(args[0], "postgres", "")) {
      workload(c, rounds);
    }
  }

  private static void workload(Connection c, int rounds) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS fixture_items");
      s.execute("CREATE TABLE fixture_items (id int PRIMARY KEY, owner int NOT NULL, name text NOT NULL)");
      s.execute("INSERT INTO fixture_items SELECT g, g % 50, 'item ' || g FROM generate_series(1, 5000) g");
      s.execute("ANALYZE fixture_items");
    }
    try (PreparedStatement byId = c.prepareStatement("SELECT id, name FROM fixture_items WHERE id = ?");
        PreparedStatement byOwner = c.prepareStatement("SELECT count(*) FROM fixture_items WHERE owner = ?");
        PreparedStatement rename = c.prepareStatement("UPDATE fixture_items SET name = ? WHERE id = ?");
        Statement plain = c.createStatement()) {
      for (int i = 0; i < rounds; i++) {
        byId.setInt(1, i % 5000 + 1);
        drain(byId.executeQuery());
        byOwner.setInt(1, i % 50);
        drain(byOwner.executeQuery());
        rename.setString(1, "renamed " + i);
        rename.setInt(2, i % 5000 + 1);
        rename.executeUpdate();
        drain(plain.executeQuery("SELECT owner, count(*)\n  FROM fixture_items\n WHERE id IN (" + (i + 1) + ", "
            + (i + 2) + ", " + (i + 3) + ")\n GROUP BY owner"));
        if (i % 10 == 0) {
          drain(plain.executeQuery("SELECT name FROM fixture_items WHERE name LIKE '%ä" + i + "%' ORDER BY name"));
          drain(plain.executeQuery("SELECT pg_sleep(0.02)"));
        }
      }
    }
  }

  private static void drain(ResultSet rs) throws SQLException {
    try (rs) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }
}
