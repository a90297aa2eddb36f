package io.querydoctor.cli;

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
          + "(default: DATABASE_URL, else PGHOST, PGPORT and PGDATABASE). "
          + "Keep the password out of it; use --password-env, PGPASSWORD or ~/.pgpass.")
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

  Connection connect() throws ConnectionFailure {
    return PgConnector.standard().connect(parsedUrl(), user, passwordEnv);
  }
}
