package io.querydoctor.postgres.health;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A schema-qualified relation name ({@code public.posts}). {@link #toString()} is the plain form used in
 * subjects and titles; {@link #sql()} is the form pasted into generated DDL, each part quoted only when it
 * has to be (upper case, spaces, a reserved word), exactly like PostgreSQL's {@code quote_ident}.
 *
 * @param schema the schema, as stored in the catalog
 * @param name the relation, as stored in the catalog
 */
public record QualifiedName(String schema, String name) {

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

  /**
   * Key words that cannot be used as bare identifiers in every position: PostgreSQL's reserved and
   * type/function-name key words (Appendix C of the manual). Quoting a word needlessly is harmless, so
   * the list errs on the side of quoting.
   */
  private static final Set<String> KEYWORDS = Set.of(
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
      "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
      "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema",
      "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
      "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant",
      "group", "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
      "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not",
      "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary",
      "references", "returning", "right", "select", "session_user", "similar", "some", "symmetric",
      "system_user", "table", "tablesample", "then", "to", "trailing", "true", "union", "unique", "user",
      "using", "variadic", "verbose", "when", "where", "window", "with");

  public QualifiedName {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
  }

  /** {@code schema.name}, quoted where needed, for SQL. */
  public String sql() {
    return quote(schema) + "." + quote(name);
  }

  /** A relation in the same schema, e.g. an index on this table. */
  public QualifiedName sibling(String relation) {
    return new QualifiedName(schema, relation);
  }

  /** {@code identifier} as SQL: bare when PostgreSQL would read it back unchanged, double-quoted otherwise. */
  public static String quote(String identifier) {
    if (PLAIN.matcher(identifier).matches() && !KEYWORDS.contains(identifier)) {
      return identifier;
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public String toString() {
    return schema + "." + name;
  }
}
