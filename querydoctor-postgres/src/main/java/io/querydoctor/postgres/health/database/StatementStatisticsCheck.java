package io.querydoctor.postgres.health.database;

import io.querydoctor.postgres.health.CatalogQuery;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Whether pg_stat_statements is installed in the current database and preloaded by the server. */
public final class StatementStatisticsCheck {

  private StatementStatisticsCheck() {}

  /**
   * @param database the current database
   * @param installed {@code CREATE EXTENSION pg_stat_statements} was run here
   * @param preloadLibraries {@code shared_preload_libraries}, or {@code null} when the role may not read it
   */
  public record Row(String database, boolean installed, String preloadLibraries) {

    /** True/false when known, {@code null} when the role cannot read the setting. */
    public Boolean preloaded() {
      return preloadLibraries == null ? null : preloadLibraries.contains("pg_stat_statements");
    }
  }

  static final String SQL = """
      SELECT current_database() AS database,
             EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS installed,
             (SELECT setting FROM pg_settings WHERE name = 'shared_preload_libraries') AS preload_libraries
      """;

  static Row map(ResultSet rs) throws SQLException {
    return new Row(rs.getString("database"), rs.getBoolean("installed"), rs.getString("preload_libraries"));
  }

  public static final CatalogQuery<Row> QUERY = CatalogQuery.of(SQL, StatementStatisticsCheck::map);
}
