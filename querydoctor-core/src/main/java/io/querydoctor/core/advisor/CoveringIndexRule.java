package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered composite plus {@code INCLUDE} of every other column the query reads from the table, so that
 * PostgreSQL can answer from the index alone (an index-only scan, as long as the visibility map is current).
 * Not for {@code SELECT *}, and not when the payload would be wide: an index holding most of the table's
 * columns is a second copy of the table that every write must maintain.
 */
public final class CoveringIndexRule implements CandidateRule {

  /** Beyond this many included columns the index approaches the table's width. */
  static final int MAX_INCLUDED = 4;

  @Override
  public List<IndexCandidate> propose(TableAccess access) {
    List<SortKey> keys = OrderedIndexRule.keys(access);
    if (keys.isEmpty() || access.selectsAll()) {
      return List.of();
    }
    List<String> rest = new ArrayList<>(access.referenced());
    keys.forEach(k -> rest.remove(k.expression()));
    if (rest.isEmpty() || rest.size() > MAX_INCLUDED) {
      return List.of();
    }
    return List.of(new IndexCandidate(access.table(), IndexMethod.BTREE, keys, rest, null, CandidateKind.COVERING));
  }
}
