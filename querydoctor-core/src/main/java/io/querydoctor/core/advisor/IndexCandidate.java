package io.querydoctor.core.advisor;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An index the advisor may propose. Two candidates with the same table, method, keys, included columns and
 * predicate are equal whichever rule proposed them.
 *
 * @param table the table as the workload names it
 * @param method B-tree or GIN
 * @param keys key columns or expressions, in order, with direction
 * @param include non-key columns ({@code INCLUDE}), B-tree only
 * @param predicate the partial index's {@code WHERE}, or {@code null}
 * @param kind the rule that proposed it (not part of equality)
 */
public record IndexCandidate(String table, IndexMethod method, List<SortKey> keys, List<String> include,
    String predicate, CandidateKind kind) {

  public IndexCandidate {
    Objects.requireNonNull(table, "table");
    keys = List.copyOf(keys);
    include = List.copyOf(include);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("an index needs at least one key");
    }
  }

  static IndexCandidate btree(String table, List<SortKey> keys, CandidateKind kind) {
    return new IndexCandidate(table, IndexMethod.BTREE, keys, List.of(), null, kind);
  }

  /** The key list as SQL: {@code user_id, created_at DESC}. */
  public String keySql() {
    return keys.stream().map(SortKey::sql).collect(Collectors.joining(", "));
  }

  /** The key columns without directions, for {@code Subject.columns}: {@code user_id, created_at}. */
  public String keyColumns() {
    return keys.stream().map(SortKey::expression).collect(Collectors.joining(", "));
  }

  /** Everything after {@code ON}: {@code posts USING gin (tags)}, {@code posts (a, b DESC) INCLUDE (c) WHERE …}. */
  public String definition() {
    StringBuilder sql = new StringBuilder(table);
    if (method != IndexMethod.BTREE) {
      sql.append(" USING ").append(method.sql());
    }
    sql.append(" (").append(keySql()).append(')');
    if (!include.isEmpty()) {
      sql.append(" INCLUDE (").append(String.join(", ", include)).append(')');
    }
    if (predicate != null) {
      sql.append(" WHERE ").append(predicate);
    }
    return sql.toString();
  }

  /** Whether this index's keys are a left prefix of {@code other}'s (same table and method, no predicates). */
  public boolean isPrefixOf(IndexCandidate other) {
    return table.equals(other.table) && method == other.method && predicate == null && other.predicate == null
        && include.isEmpty() && SortKeys.isPrefix(keys, other.keys) && !equals(other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexCandidate c && table.equals(c.table) && method == c.method && keys.equals(c.keys)
        && include.equals(c.include) && Objects.equals(predicate, c.predicate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, method, keys, include, predicate);
  }

  @Override
  public String toString() {
    return definition();
  }
}
