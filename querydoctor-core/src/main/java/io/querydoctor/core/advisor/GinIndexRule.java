package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.List;

/**
 * A GIN index for jsonb containment and key existence ({@code @>}, {@code ?}, {@code ?|}, {@code ?&}) and
 * array overlap/containment ({@code &&}, {@code @>}, {@code <@}): no B-tree can serve these operators. The
 * default operator class is used: {@code jsonb_path_ops} is smaller but serves {@code @>} only.
 */
public final class GinIndexRule implements CandidateRule {

  @Override
  public List<IndexCandidate> propose(TableAccess access) {
    List<IndexCandidate> out = new ArrayList<>();
    for (String column : access.containment()) {
      out.add(new IndexCandidate(access.table(), IndexMethod.GIN, List.of(SortKey.ascending(column)), List.of(),
          null, CandidateKind.GIN));
    }
    return out;
  }
}
