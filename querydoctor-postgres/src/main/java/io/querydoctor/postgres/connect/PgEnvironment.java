package io.querydoctor.postgres.connect;

import java.util.Map;
import java.util.Optional;

/**
 * The database a user means when they give no URL, read from the environment the way their other tools read
 * it: {@code DATABASE_URL} (Heroku, Rails, most platforms), else libpq's {@code PGHOST}, {@code PGPORT} and
 * {@code PGDATABASE} with libpq's defaults for what is missing (localhost, 5432, the database named after the
 * user). Nothing at all set means no database: the tool never guesses one.
 */
public final class PgEnvironment {

  private final Map<String, String> environment;

  public PgEnvironment(Map<String, String> environment) {
    this.environment = environment;
  }

  public static PgEnvironment standard() {
    return new PgEnvironment(System.getenv());
  }

  /** The URL the environment names, or empty when it names none. */
  public Optional<String> url() {
    String databaseUrl = value("DATABASE_URL");
    if (databaseUrl != null) {
      return Optional.of(databaseUrl);
    }
    String host = value("PGHOST");
    String port = value("PGPORT");
    String database = value("PGDATABASE");
    if (host == null && port == null && database == null) {
      return Optional.empty();
    }
    String user = value("PGUSER") != null ? value("PGUSER") : System.getProperty("user.name");
    return Optional.of("jdbc:postgresql://" + (host != null ? host : "localhost") + ":" + (port != null ? port : "5432")
        + "/" + (database != null ? database : user));
  }

  /** Where {@link #url()} looks, for the message when nothing was given. */
  public static String sources() {
    return "--url, DATABASE_URL, or PGHOST/PGPORT/PGDATABASE";
  }

  private String value(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
