package io.querydoctor.mysql.embedded;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A test class's own database on the JVM's shared embedded MariaDB.
 *
 * @param server the shared server (global settings, other databases)
 * @param name the database's name
 */
public record TestMariaDb(EmbeddedMariaDb server, String name) {

  /** {@code jdbc:mariadb://127.0.0.1:PORT/name}; connect as root without a password. */
  public String url() {
    return server.url(name);
  }

  /** A root connection to this database. */
  public Connection connect() throws SQLException {
    return server.connect(name);
  }
}
