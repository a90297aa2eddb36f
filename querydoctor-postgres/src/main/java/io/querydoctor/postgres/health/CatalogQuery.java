package io.querydoctor.postgres.health;

import io.querydoctor.postgres.connect.RowMapper;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.List;

/**
 * One catalog query of a health check: its SQL, the mapper that turns each row into a record, and the
 * oldest server it runs on. The version gate is data so that a check can offer one variant per server
 * generation (newest first) instead of scattering version {@code if}s through the code.
 *
 * @param minServerVersion the oldest {@code server_version_num} this SQL works on, e.g. {@code 140000}
 * @param sql the statement, run read-only through the {@link SafeExecutor}
 * @param mapper turns one row into a record
 * @param <R> the row type
 */
public record CatalogQuery<R>(int minServerVersion, String sql, RowMapper<R> mapper) {

  /** The version every check supports at least: PostgreSQL 13. */
  public static final int POSTGRES_13 = 130000;

  /** A query that works on every supported server (13 and later). */
  public static <R> CatalogQuery<R> of(String sql, RowMapper<R> mapper) {
    return new CatalogQuery<>(POSTGRES_13, sql, mapper);
  }

  public boolean runsOn(int serverVersion) {
    return serverVersion >= minServerVersion;
  }

  /** Runs the query through {@code executor} and maps every row. */
  public List<R> run(SafeExecutor executor) throws SQLException {
    return executor.query(sql, mapper);
  }
}
