package io.querydoctor.core.finding;

import java.util.Objects;

/**
 * The thing a finding is about, named so that a person and a script can both tell which one:
 * a schema-qualified table ({@code public.posts}), an index, columns ({@code public.posts(user_id)}),
 * a query fingerprint, a session pid, a setting or a database.
 *
 * @param kind what sort of thing it is
 * @param name its stable name; suppressions match {@code rule:name}
 */
public record Subject(SubjectKind kind, String name) {

  public Subject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static Subject table(String qualifiedName) {
    return new Subject(SubjectKind.TABLE, qualifiedName);
  }

  public static Subject index(String qualifiedName) {
    return new Subject(SubjectKind.INDEX, qualifiedName);
  }

  public static Subject columns(String qualifiedTable, String columnList) {
    return new Subject(SubjectKind.COLUMNS, qualifiedTable + "(" + columnList + ")");
  }

  public static Subject fingerprint(String fingerprint) {
    return new Subject(SubjectKind.FINGERPRINT, fingerprint);
  }

  public static Subject session(long pid) {
    return new Subject(SubjectKind.SESSION, Long.toString(pid));
  }

  public static Subject setting(String name) {
    return new Subject(SubjectKind.SETTING, name);
  }

  /** A unit of work by its name, e.g. {@code GET /users} or {@code transaction}. */
  public static Subject scope(String name) {
    return new Subject(SubjectKind.SCOPE, name);
  }

  public static Subject database(String name) {
    return new Subject(SubjectKind.DATABASE, name);
  }

  @Override
  public String toString() {
    return kind.label() + " " + name;
  }
}
