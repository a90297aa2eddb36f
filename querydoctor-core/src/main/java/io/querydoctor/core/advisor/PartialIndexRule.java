package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A partial index for a query that always filters on the same constants ({@code WHERE status = 'active'}):
 * the index holds only the rows that filter keeps, keyed by the query's other columns, so it is small and
 * cheap to maintain for writes of other rows. The planner uses it only when the query's predicate implies
 * the index's, which is why only literal filters (never parameters) qualify.
 */
public final class PartialIndexRule implements CandidateRule {

  @Override
  public List<IndexCandidate> propose(TableAccess access) {
    if (access.constantFilters().isEmpty()) {
      return List.of();
    }
    Set<String> filtered = access.constantFilters().stream().map(ConstantFilter::column).collect(Collectors.toSet());
    List<SortKey> keys = new ArrayList<>(OrderedIndexRule.keys(access).stream()
        .filter(k -> !filtered.contains(k.expression())).toList());
    if (keys.isEmpty() && !access.orderBy().isEmpty()) {
      keys.addAll(access.orderBy().stream().filter(k -> !filtered.contains(k.expression())).toList());
    }
    if (keys.isEmpty()) {
      return List.of();
    }
    String predicate = access.constantFilters().stream().map(ConstantFilter::predicate)
        .collect(Collectors.joining(" AND "));
    return List.of(new IndexCandidate(access.table(), IndexMethod.BTREE, keys, List.of(), predicate,
        CandidateKind.PARTIAL));
  }
}
