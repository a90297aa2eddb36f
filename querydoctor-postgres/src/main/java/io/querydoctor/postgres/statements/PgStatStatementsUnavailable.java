package io.querydoctor.postgres.statements;

import java.sql.SQLException;

/** pg_stat_statements cannot be read: not installed in the database, or not preloaded. The message says which. */
public final class PgStatStatementsUnavailable extends SQLException {

  public PgStatStatementsUnavailable(String message) {
    super(message, "55000");
  }
}
