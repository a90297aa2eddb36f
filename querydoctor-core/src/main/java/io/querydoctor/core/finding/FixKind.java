package io.querydoctor.core.finding;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What sort of change a fix is. */
public enum FixKind {
  /** SQL to run against the database (DDL, ANALYZE, VACUUM, …). */
  SQL,
  /** A server or session setting with the value to use. */
  SETTING,
  /** A change to the application's code or query text. */
  CODE,
  /** An operational step (look at a session, talk to an owner); nothing to paste. */
  ACTION;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
