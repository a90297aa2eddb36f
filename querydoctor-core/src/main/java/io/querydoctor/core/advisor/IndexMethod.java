package io.querydoctor.core.advisor;

import java.util.Locale;

/** The access method of an index. */
public enum IndexMethod {
  BTREE,
  /** For jsonb containment/key existence and array operators. */
  GIN;

  public String sql() {
    return name().toLowerCase(Locale.ROOT);
  }
}
