package io.querydoctor.postgres.connect;

import java.sql.SQLException;

/**
 * Maps the driver's connection errors to one-line messages by SQLSTATE, not by message text; and gives every
 * part of the PostgreSQL module the first line of a server message for its own one-line errors.
 */
public final class ConnectionErrors {

  private ConnectionErrors() {}

  static ConnectionFailure describe(SQLException e, PgUrl url, String user) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = " at " + url.address();
    String message = switch (state) {
      case "28P01" -> "authentication failed for user '" + user + "'" + where
          + " (wrong password? set it with --password-env VAR, PGPASSWORD or ~/.pgpass)";
      case "28000" -> "the server" + where + " refused user '" + user + "' (no pg_hba.conf entry or no such role)";
      case "3D000" -> "database '" + url.database() + "' does not exist" + where;
      case "08001", "08006", "08004" -> unreachable(e, url);
      case "08P01" -> "the server" + where + " did not answer as PostgreSQL (protocol error: is this the right port?)";
      case "53300" -> "the server" + where + " has no free connection slots (too many clients)";
      case "57P03" -> "the server" + where + " is starting up or shutting down; try again";
      default -> "cannot connect to " + url.redacted() + ": " + firstLine(e.getMessage());
    };
    return new ConnectionFailure(message, e);
  }

  private static String unreachable(SQLException e, PgUrl url) {
    String cause = e.getCause() == null ? "" : e.getCause().getClass().getSimpleName();
    String text = firstLine(e.getMessage());
    if (cause.equals("UnknownHostException")) {
      return "unknown host '" + url.host() + "'";
    }
    if (cause.equals("EOFException") || text.contains("EOF")) {
      return "the server at " + url.address() + " closed the connection during the handshake (is it PostgreSQL?)";
    }
    if (cause.equals("SocketTimeoutException")) {
      return "timed out connecting to " + url.address() + " (host unreachable or a firewall drops the packets)";
    }
    return "cannot reach " + url.address() + ": " + text;
  }

  /** The first line of an error message (PostgreSQL adds hints and positions on later lines), stripped. */
  public static String firstLine(String text) {
    if (text == null) {
      return "unknown error";
    }
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).strip();
  }
}
