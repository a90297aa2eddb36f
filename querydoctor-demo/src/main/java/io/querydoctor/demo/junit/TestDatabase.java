package io.querydoctor.demo.junit;

import io.querydoctor.demo.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A fresh database on the shared embedded server, given to one test class by
 * {@link EmbeddedPostgresExtension}.
 *
 * @param server the server (shared by every test class in this JVM)
 * @param name the database's name, unique to the test class
 */
public record TestDatabase(EmbeddedServer server, String name) {

  /** JDBC URL without credentials; the user is {@link #user()} with an empty password. */
  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  public String user() {
    return EmbeddedServer.SUPERUSER;
  }

  /** A new connection as the superuser; the caller closes it. */
  public Connection connect() throws SQLException {
    return server.connect(name);
  }
}
