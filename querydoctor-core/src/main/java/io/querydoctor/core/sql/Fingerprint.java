package io.querydoctor.core.sql;

import java.util.Objects;

/**
 * The identity of a query shape: statements that differ only in literal values, bind-marker style, list
 * lengths, comments, whitespace and keyword case share it.
 *
 * @param id stable 64-bit hash of {@code normalized}, as 16 lower-case hex digits; the same in every JVM
 * @param normalized the statement with every literal replaced by {@code ?}; safe to show (it is also the
 *     redacted example of the statement)
 * @param shape what the detectors need to know about the statement
 */
public record Fingerprint(String id, String normalized, StatementShape shape) {

  public Fingerprint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(normalized, "normalized");
    Objects.requireNonNull(shape, "shape");
  }
}
