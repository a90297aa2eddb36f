package io.querydoctor.postgres;

import io.querydoctor.postgres.connect.SafeExecutor;

/**
 * A PostgreSQL database under diagnosis, as PostgreSQL analyzers see it.
 *
 * @param executor the only way to run statements on it (read-only, timeouts)
 * @param serverVersionNum {@code server_version_num}, e.g. 170011; version gates compare against it
 * @param database the database's name
 */
public record PgTarget(SafeExecutor executor, int serverVersionNum, String database) {

  /** The major version: 17 for 170011. */
  public int majorVersion() {
    return serverVersionNum / 10_000;
  }
}
