package io.querydoctor.postgres.statements;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Reads {@code pg_stat_statements} through the {@link SafeExecutor} (read-only, timeouts, rolled back). Works
 * on PostgreSQL 13–17 and earlier, picking the column names by server version
 * ({@link PgStatStatementsColumns}). Needs the extension created in the connected database and the library
 * preloaded; reading all users' statement texts needs {@code pg_read_all_stats} (otherwise other users'
 * texts read {@code <insufficient privilege>}, which are left out).
 */
public final class PgStatStatementsReader {

  private final Clock clock;

  public PgStatStatementsReader(Clock clock) {
    this.clock = clock;
  }

  public PgStatStatementsReader() {
    this(Clock.systemUTC());
  }

  /**
   * The current content of the view.
   *
   * @throws PgStatStatementsUnavailable when the extension is not installed in this database or not preloaded
   * @throws SQLException on any other database error
   */
  public PgStatStatementsSnapshot snapshot(SafeExecutor executor) throws SQLException {
    int version = executor.queryOne("SELECT current_setting('server_version_num')::int", rs -> rs.getInt(1));
    List<String> installed = executor.query(
        "SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'", rs -> rs.getString(1));
    if (installed.isEmpty()) {
      throw new PgStatStatementsUnavailable("the pg_stat_statements extension is not installed in this database "
          + "(CREATE EXTENSION pg_stat_statements; it also needs shared_preload_libraries)");
    }
    PgStatStatementsColumns columns = PgStatStatementsColumns.forServer(version);
    try {
      List<PgStatStatementsSnapshot.Row> rows = executor.query(columns.query(), rs -> new PgStatStatementsSnapshot.Row(
          rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getDouble(6),
          rs.getDouble(7), rs.getDouble(8), rs.getLong(9)));
      List<PgStatStatementsSnapshot.Row> visible = rows.stream()
          .filter(r -> !r.query().startsWith("<insufficient privilege>")).toList();
      return new PgStatStatementsSnapshot(null, clock.instant(), version, visible);
    } catch (SQLException e) {
      // 55000 object_not_in_prerequisite_state: "pg_stat_statements must be loaded via shared_preload_libraries"
      if ("55000".equals(e.getSQLState())) {
        throw new PgStatStatementsUnavailable(e.getMessage());
      }
      throw e;
    }
  }
}
