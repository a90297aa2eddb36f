package io.querydoctor.remedies.write;

import java.sql.SQLFeatureNotSupportedException;

/** Bulk writing has no {@link WriteDialect} for this engine yet (MySQL/MariaDB is the planned next one). */
public final class UnsupportedDialectException extends SQLFeatureNotSupportedException {

  private static final long serialVersionUID = 1L;

  public UnsupportedDialectException(String product) {
    super("bulk writes support PostgreSQL only so far, not " + product
        + " (MySQL/MariaDB: rewriteBatchedStatements and LOAD DATA LOCAL are the planned follow-up)");
  }
}
