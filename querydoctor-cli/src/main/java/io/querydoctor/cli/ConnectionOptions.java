package io.querydoctor.cli;

import io.querydoctor.core.engine.ConnectionRequest;
import io.querydoctor.core.engine.DatabaseEngines;
import io.querydoctor.core.engine.EngineFailure;
import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.postgres.PgEngine;
import io.querydoctor.postgres.connect.ConnectionFailure;
import io.querydoctor.postgres.connect.PgConnector;
import io.querydoctor.postgres.connect.PgEnvironment;
import io.querydoctor.postgres.connect.PgUrl;
import java.sql.Connection;
import picocli.CommandLine.Option;

/** How to reach the user's database; shared by every command that connects. */
final class ConnectionOptions {

  @Option(names = "--url", paramLabel = "URL",
      description = "The database: jdbc:postgresql://host[:port]/database or postgres://[user@]host[:port]/database "
          + "(default: DATABASE_URL, else PGHOST, PGPORT and PGDATABASE); jdbc:mariadb://host[:port]/database or "
          + "jdbc:mysql://host[:port]/database for MySQL and MariaDB (docs/mysql.md). "
          + "Keep the password out of it; use --password-env, PGPASSWORD or ~/.pgpass (MYSQL_PWD or ~/.my.cnf).")
  String url;

  @Option(names = "--user", paramLabel = "ROLE",
      description = "Role to connect as (default: PGUSER, else the OS user). "
          + "It needs pg_monitor for the full set of checks; see docs/permissions.md.")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Name of an environment variable holding the password. "
          + "Without it: PGPASSWORD, then ~/.pgpass (or PGPASSFILE).")
  String passwordEnv;

  PgUrl parsedUrl() throws ConnectionFailure {
    return PgUrl.parse(effectiveUrl(url));
  }

  /** {@code url}, else the database the environment names; a one-line error when neither names one. */
  static String effectiveUrl(String url) {
    if (url != null) {
      return url;
    }
    return PgEnvironment.standard().url()
        .orElseThrow(() -> new UserError("no database given: use " + PgEnvironment.sources()));
  }

  /** The database the URL names, on the engine that accepts the URL (found through the engine SPI). */
  EngineTarget target() throws EngineFailure {
    String effective = effectiveUrl(url);
    return DatabaseEngines.installed().forUrl(effective).target(ConnectionRequest.of(effective, user, passwordEnv));
  }

  /**
   * Whether the URL names a PostgreSQL database, whose commands keep their own code path with every
   * PostgreSQL-only option; other engines go through {@link #target()}.
   */
  boolean isPostgres() {
    return new PgEngine().acceptsUrl(effectiveUrl(url));
  }

  Connection connect() throws ConnectionFailure {
    return PgConnector.standard().connect(parsedUrl(), user, passwordEnv);
  }
}
