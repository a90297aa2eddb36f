package io.querydoctor.core.detect;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.finding.SubjectKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Files a {@code too-many-queries} finding under the finding that explains its count: an N+1, unbatched writes
 * or per-row sequence calls in the same scope are why the scope went over its budget, so the budget is their
 * supporting evidence, not a second finding about one cause (that would count one problem twice, at high).
 * The explanation with the highest impact takes it; a budget with nothing to explain it stays on its own.
 */
final class BudgetExplanation {

  private static final Set<String> EXPLAINING = Set.of("n-plus-one", "unbatched-writes", "sequence-per-row");

  private BudgetExplanation() {}

  /** {@code ranked} with each explained budget finding moved under its explanation; order kept. */
  static List<Finding> merge(List<Finding> ranked) {
    Map<Integer, List<Finding>> supporting = new LinkedHashMap<>();
    List<Boolean> moved = new ArrayList<>();
    for (Finding finding : ranked) {
      int target = -1;
      if (finding.ruleId().equals(TooManyQueriesDetector.RULE)) {
        target = explanation(ranked, finding.subject());
      }
      moved.add(target >= 0);
      if (target >= 0) {
        supporting.computeIfAbsent(target, k -> new ArrayList<>()).add(finding);
      }
    }
    List<Finding> out = new ArrayList<>(ranked.size());
    for (int i = 0; i < ranked.size(); i++) {
      if (moved.get(i)) {
        continue;
      }
      Finding f = ranked.get(i);
      List<Finding> more = supporting.get(i);
      if (more != null) {
        List<Finding> all = new ArrayList<>(f.supporting());
        all.addAll(more);
        f = f.withSupporting(all);
      }
      out.add(f);
    }
    return out;
  }

  /** The index of the first (highest-impact) explaining finding in the same scope, or -1. */
  private static int explanation(List<Finding> ranked, Subject scope) {
    if (scope.kind() != SubjectKind.SCOPE) {
      return -1;
    }
    for (int i = 0; i < ranked.size(); i++) {
      Finding f = ranked.get(i);
      if (EXPLAINING.contains(f.ruleId()) && f.concerns().contains(scope)) {
        return i;
      }
    }
    return -1;
  }
}
