package io.querydoctor.mysql.health;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;

/** A session's statement as a finding may show it: normalized, literals replaced by {@code ?}, bounded. */
public final class StatementText {

  private static final int MAX_CHARS = 300;

  private StatementText() {}

  /** The statement's fingerprint text (never its literal values), or {@code fallback} when there is none. */
  public static String preview(String sql, String fallback) {
    if (sql == null || sql.isBlank()) {
      return fallback;
    }
    String text = SqlFingerprinter.of(SqlDialect.MYSQL).fingerprint(sql).normalized();
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + " …";
  }
}
