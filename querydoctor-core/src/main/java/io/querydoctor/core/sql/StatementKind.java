package io.querydoctor.core.sql;

/** What a statement does, read from its leading keyword (for {@code WITH}, from the main statement). */
public enum StatementKind {
  SELECT,
  INSERT,
  UPDATE,
  DELETE,
  /** MERGE, REPLACE, UPSERT-like statements that write rows. */
  MERGE,
  /** DDL, SET, SHOW, CALL, transaction control, anything else. */
  OTHER;

  /** True for statements that change rows (and so take row locks). */
  public boolean writes() {
    return this == INSERT || this == UPDATE || this == DELETE || this == MERGE;
  }
}
