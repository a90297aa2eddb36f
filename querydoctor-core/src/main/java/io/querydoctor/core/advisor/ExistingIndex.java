package io.querydoctor.core.advisor;

import java.util.List;

/**
 * An index the database already has, as the advisor needs to know it.
 *
 * @param name the index's (schema-qualified) name
 * @param table the table as the workload names it
 * @param method its access method; {@code null} when it is neither B-tree nor GIN
 * @param keys its keys in order (expressions in their SQL form)
 * @param hasPredicate a partial index
 * @param enforcesConstraint unique or primary key: never proposed for a drop
 * @param sizeBytes its size on disk
 */
public record ExistingIndex(String name, String table, IndexMethod method, List<SortKey> keys, boolean hasPredicate,
    boolean enforcesConstraint, long sizeBytes) {

  public ExistingIndex {
    keys = List.copyOf(keys);
  }

  /** Whether {@code candidate} has the same keys (a candidate that adds nothing). */
  public boolean sameKeysAs(IndexCandidate candidate) {
    return table.equals(candidate.table()) && method == candidate.method() && !hasPredicate
        && candidate.predicate() == null && candidate.include().isEmpty() && keys.size() == candidate.keys().size()
        && SortKeys.isPrefix(keys, candidate.keys());
  }

  /** Whether {@code candidate} makes this index redundant: its keys are a left prefix of the candidate's. */
  public boolean madeRedundantBy(IndexCandidate candidate) {
    return !enforcesConstraint && !hasPredicate && method == IndexMethod.BTREE && candidate.method() == method
        && candidate.predicate() == null && table.equals(candidate.table())
        && SortKeys.isPrefix(keys, candidate.keys());
  }
}
