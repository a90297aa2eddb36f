package io.querydoctor.postgres.plan;

import java.sql.SQLException;

/**
 * The server cannot plan a statement without its values (a parameter whose type it cannot infer): not a
 * failure of the tool or of the server, a statement to skip with this one-line reason.
 */
public final class UnplannableStatementException extends SQLException {

  public UnplannableStatementException(String message, SQLException cause) {
    super(message, cause.getSQLState(), cause);
  }
}
