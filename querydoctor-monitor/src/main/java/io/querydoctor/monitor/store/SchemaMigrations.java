package io.querydoctor.monitor.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates and upgrades the history schema ({@code qd_monitor}) in the store. Migrations are plain SQL
 * resources {@code V<n>__<name>.sql}, applied in order, each in its own transaction together with its row in
 * {@code qd_monitor.schema_version}. A transaction-level advisory lock makes monitors that share one store
 * migrate it once, one after the other.
 */
final class SchemaMigrations {

  /** In order; append, never edit one that was released. */
  static final List<String> MIGRATIONS = List.of("V1__history.sql", "V2__rollups.sql", "V3__latency.sql");

  private static final long LOCK_KEY = 0x71646d6f6e69746fL; // "qdmonito"

  private SchemaMigrations() {
  }

  /** Applies every migration newer than the store's version; returns the version now in place. */
  static int migrate(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      for (int i = 0; i < MIGRATIONS.size(); i++) {
        int version = i + 1;
        try (Statement statement = connection.createStatement()) {
          statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
          statement.execute("CREATE SCHEMA IF NOT EXISTS qd_monitor");
          statement.execute("CREATE TABLE IF NOT EXISTS qd_monitor.schema_version ("
              + "version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
          if (current(statement) < version) {
            statement.execute(resource(MIGRATIONS.get(i)));
            statement.execute("INSERT INTO qd_monitor.schema_version (version, name) VALUES (" + version + ", '"
                + MIGRATIONS.get(i) + "')");
          }
        }
        connection.commit();
      }
      try (Statement statement = connection.createStatement()) {
        return current(statement);
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static int current(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM qd_monitor.schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String resource(String name) {
    try (InputStream in = SchemaMigrations.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("migration " + name + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }
}
