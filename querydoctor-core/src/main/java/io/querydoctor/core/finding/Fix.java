package io.querydoctor.core.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The change that makes a finding go away.
 *
 * @param kind what sort of change it is
 * @param summary one or two sentences a person acts on
 * @param sql paste-ready statement(s) for {@link FixKind#SQL} and {@link FixKind#SETTING}, or the rewritten
 *     query for {@link FixKind#CODE}; {@code null} when there is nothing to paste
 * @param code paste-ready Java for a {@link FixKind#CODE} fix that a QueryDoctor remedy can carry out (the
 *     {@code BatchLoader} for an N+1's shape); {@code null} when there is none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fix(FixKind kind, String summary, String sql, String code) {

  public Fix {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(summary, "summary");
  }

  public Fix(FixKind kind, String summary, String sql) {
    this(kind, summary, sql, null);
  }

  /** This fix with {@code java} as its code. */
  public Fix withCode(String java) {
    return new Fix(kind, summary, sql, java);
  }

  public static Fix sql(String summary, String sql) {
    return new Fix(FixKind.SQL, summary, sql);
  }

  public static Fix setting(String summary, String sql) {
    return new Fix(FixKind.SETTING, summary, sql);
  }

  public static Fix code(String summary, String rewrite) {
    return new Fix(FixKind.CODE, summary, rewrite);
  }

  public static Fix action(String summary) {
    return new Fix(FixKind.ACTION, summary, null);
  }
}
