package io.querydoctor.postgres.connect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens a connection to a user's PostgreSQL and turns every way that can fail into one line that says what
 * to do. The user comes from {@code --user}, the URL's {@code user@} (libpq form), {@code PGUSER}, the OS user;
 * the password from, in order: the environment variable the user named, the URL's {@code user:password@} (as
 * libpq gives it precedence), {@code PGPASSWORD}, {@code ~/.pgpass}. It is never printed.
 */
public final class PgConnector {

  /** How long to wait for the server to answer before calling it unreachable. */
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private final Map<String, String> environment;
  private final PgPass pgPass;

  public PgConnector(Map<String, String> environment, PgPass pgPass) {
    this.environment = environment;
    this.pgPass = pgPass;
  }

  public static PgConnector standard() {
    Map<String, String> environment = System.getenv();
    return new PgConnector(environment, PgPass.standard(environment));
  }

  /**
   * Connects as {@code user} (or the URL's/driver's default when null), reading the password from
   * {@code passwordEnv} when given.
   */
  public Connection connect(PgUrl url, String user, String passwordEnv) throws ConnectionFailure {
    Properties properties = new Properties();
    String effectiveUser = user != null ? user
        : url.user() != null ? url.user() : environment.getOrDefault("PGUSER", System.getProperty("user.name"));
    properties.setProperty("user", effectiveUser);
    password(url, effectiveUser, passwordEnv).ifPresent(p -> properties.setProperty("password", p));
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("socketTimeout", "300");
    properties.setProperty("ApplicationName", "querydoctor");
    try {
      Connection connection = DriverManager.getConnection(url.url(), properties);
      if (connection == null) {
        throw new ConnectionFailure("no JDBC driver accepts '" + url.redacted() + "'");
      }
      return connection;
    } catch (SQLException e) {
      throw ConnectionErrors.describe(e, url, effectiveUser);
    }
  }

  private Optional<String> password(PgUrl url, String user, String passwordEnv) throws ConnectionFailure {
    if (passwordEnv != null) {
      String value = environment.get(passwordEnv);
      if (value == null) {
        throw new ConnectionFailure("environment variable " + passwordEnv + " (from --password-env) is not set");
      }
      return Optional.of(value);
    }
    if (url.password() != null) {
      return Optional.of(url.password());
    }
    String pgPassword = environment.get("PGPASSWORD");
    if (pgPassword != null) {
      return Optional.of(pgPassword);
    }
    return pgPass.password(url.host(), url.port(), url.database(), user);
  }
}
