package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.List;

/**
 * An index on the expression a non-sargable filter compares ({@code lower(email)}, {@code created_at::date}),
 * after the query's plain equality columns. It is the fix when the query cannot be rewritten; when it can
 * (a range on {@code created_at} instead of {@code created_at::date = ?}), the plan rule
 * {@code non-sargable-predicate} says so, and this candidate competes with the existing index on cost.
 */
public final class ExpressionIndexRule implements CandidateRule {

  @Override
  public List<IndexCandidate> propose(TableAccess access) {
    List<IndexCandidate> out = new ArrayList<>();
    for (ExpressionFilter filter : access.expressionFilters()) {
      List<SortKey> keys = new ArrayList<>();
      access.equality().forEach(c -> keys.add(SortKey.ascending(c)));
      keys.add(SortKey.ascending(filter.expression()));
      out.add(IndexCandidate.btree(access.table(), keys, CandidateKind.EXPRESSION));
    }
    return out;
  }
}
