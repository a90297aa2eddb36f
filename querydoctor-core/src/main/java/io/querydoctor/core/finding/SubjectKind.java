package io.querydoctor.core.finding;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a finding is about; see the "subject" section of RULES.md. */
public enum SubjectKind {
  TABLE,
  INDEX,
  COLUMNS,
  FINGERPRINT,
  SESSION,
  SETTING,
  DATABASE,
  /** A unit of work the application named (a request, a job, a test) or a transaction; capture-side rules. */
  SCOPE;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
