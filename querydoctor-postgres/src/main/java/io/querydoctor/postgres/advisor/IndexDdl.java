package io.querydoctor.postgres.advisor;

import io.querydoctor.core.advisor.ExistingIndex;
import io.querydoctor.core.advisor.IndexCandidate;
import io.querydoctor.core.advisor.IndexMethod;
import io.querydoctor.core.advisor.SortKey;
import java.util.Locale;
import java.util.stream.Collectors;

/** PostgreSQL DDL for the advisor's decisions: concurrent builds and drops, so that writes are not blocked. */
final class IndexDdl {

  /** PostgreSQL truncates identifiers beyond 63 bytes (NAMEDATALEN − 1). */
  private static final int MAX_IDENTIFIER = 63;

  private IndexDdl() {}

  /** A readable name in PostgreSQL's own style: {@code posts_user_id_created_at_idx}. */
  static String name(IndexCandidate index) {
    String table = index.table().substring(index.table().lastIndexOf('.') + 1);
    String keys = index.keys().stream().map(SortKey::expression).map(IndexDdl::identifierPart)
        .collect(Collectors.joining("_"));
    String suffix = (index.method() == IndexMethod.GIN ? "_gin" : "") + (index.include().isEmpty() ? "" : "_incl")
        + (index.predicate() == null ? "" : "_part") + "_idx";
    String name = table + "_" + keys;
    return (name.length() + suffix.length() > MAX_IDENTIFIER ? name.substring(0, MAX_IDENTIFIER - suffix.length())
        : name) + suffix;
  }

  static String create(IndexCandidate index, String qualifiedTable) {
    String definition = index.definition().substring(index.table().length());
    return "CREATE INDEX CONCURRENTLY " + name(index) + " ON " + qualifiedTable + definition + ";";
  }

  static String drop(ExistingIndex index) {
    return "DROP INDEX CONCURRENTLY " + index.name() + ";";
  }

  private static String identifierPart(String expression) {
    return expression.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }
}
