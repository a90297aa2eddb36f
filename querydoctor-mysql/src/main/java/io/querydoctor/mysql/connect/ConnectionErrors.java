package io.querydoctor.mysql.connect;

import io.querydoctor.core.engine.EngineFailure;
import java.sql.SQLException;

/** Turns a driver's connection error into one line a user can act on, without the password or a stack trace. */
final class ConnectionErrors {

  private static final int ACCESS_DENIED = 1045;
  private static final int UNKNOWN_DATABASE = 1049;
  private static final int DATABASE_ACCESS_DENIED = 1044;

  private ConnectionErrors() {}

  static EngineFailure describe(SQLException e, MySqlUrl url, String user) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String reason = switch (e.getErrorCode()) {
      case ACCESS_DENIED -> "authentication failed for user " + user + " at " + url.address()
          + " (give the password with --password-env, MYSQL_PWD or ~/.my.cnf)";
      case UNKNOWN_DATABASE -> "database " + url.database() + " does not exist at " + url.address();
      case DATABASE_ACCESS_DENIED -> "user " + user + " may not use database " + url.database() + " at "
          + url.address();
      default -> state.startsWith("08") || state.isEmpty()
          ? "cannot reach " + url.address() + ": " + firstLine(e.getMessage())
          : "cannot connect to " + url.redacted() + ": " + firstLine(e.getMessage());
    };
    return new EngineFailure(reason, e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    String line = message.strip().split("\\R", 2)[0];
    return line.replaceAll("(?i)password=[^&\\s]*", "password=…");
  }
}
