package io.querydoctor.core.diagnosis;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.report.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges findings about one root cause into one finding, the others attached as supporting evidence.
 *
 * <p>Design: one problem shows up in many places — a missing index on {@code posts.user_id} is a
 * {@code missing-fk-index} in the catalog, a {@code seq-scan-large-table} in the plans of the queries that
 * filter on it, and the cost behind an {@code n-plus-one} in the application. Each finding yields root-cause
 * keys ({@link MergeKeys}); findings sharing a key are joined (union-find, so the relation is transitive), and
 * each group becomes one finding:
 *
 * <ul>
 *   <li>its <b>headline</b> is the member that names the cause rather than a symptom ({@link #causeRank}),
 *       so that the fix shown first is the one that removes the others;
 *   <li>its <b>severity</b> is the worst of the group: a catalog finding that explains a high-severity
 *       slowdown is itself high;
 *   <li>its <b>impact</b> is the largest member impact, not the sum — the members measure the same lost time
 *       from different angles, and adding them would count it twice.
 * </ul>
 *
 * <p>A finding without keys stays alone, except a table-level symptom its table's plan problem explains
 * ({@link TableSymptoms}). The result is ranked with {@link Report#RANKING}.
 */
public final class RootCauseMerger {

  /**
   * Rules that name a cause a fix removes, best headline first. Symptoms (slow queries, scans, waits, counts)
   * rank after every cause; everything else sits between.
   */
  private static final List<String> CAUSES = List.of(
      "missing-index", "missing-fk-index", "non-sargable-predicate", "stale-statistics", "long-transaction",
      "duplicate-index", "n-plus-one", "unbatched-writes", "offset-pagination", "idle-in-transaction",
      "redundant-index");
  private static final List<String> SYMPTOMS = List.of(
      "slow-query", "latency-regression", "too-many-queries", "lock-contention", "seq-scan-large-table",
      "row-estimate-mismatch", "unused-index", "long-running-query", "inefficient-index-scan",
      "nested-loop-large", "top-n-full-sort", "vacuum-overdue");

  private RootCauseMerger() {}

  /** The findings, one per root cause, ranked. */
  public static List<Finding> merge(List<Finding> findings) {
    int[] parent = new int[findings.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    Map<String, Integer> firstWithKey = new HashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      for (String key : MergeKeys.of(findings.get(i))) {
        Integer other = firstWithKey.putIfAbsent(key, i);
        if (other != null) {
          union(parent, i, other);
        }
      }
    }
    Map<Integer, List<Finding>> groups = new LinkedHashMap<>();
    for (int i = 0; i < findings.size(); i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(findings.get(i));
    }
    return TableSymptoms.attach(groups.values().stream().map(RootCauseMerger::headline).sorted(Report.RANKING)
        .toList());
  }

  private static Finding headline(List<Finding> members) {
    if (members.size() == 1) {
      return members.get(0);
    }
    // A member may carry findings merged earlier (capture files a budget under its N+1): they join the group.
    List<Finding> group = new ArrayList<>();
    for (Finding member : members) {
      group.add(member.supporting().isEmpty() ? member : member.withSupporting(List.of()));
      group.addAll(member.supporting());
    }
    List<Finding> ordered = new ArrayList<>(group);
    ordered.sort(Comparator.comparingInt((Finding f) -> causeRank(f.ruleId())).thenComparing(Report.RANKING));
    Finding head = ordered.get(0);
    List<Finding> supporting = new ArrayList<>(ordered.subList(1, ordered.size()));
    supporting.sort(Report.RANKING);
    Severity worst = group.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElseThrow();
    Finding costliest = group.stream().min(Report.RANKING).orElseThrow();
    Impact impact = costliest == head ? head.impact()
        : new Impact(costliest.impact().millisPerHour(), "as " + costliest.ruleId() + ": "
            + costliest.impact().basis(), costliest.impact().observedMillis(), costliest.impact().windowMillis());
    return head.withSeverity(worst).withImpact(impact).withSupporting(supporting);
  }

  /** Lower is a better headline: named causes in {@link #CAUSES} order, then other rules, then symptoms. */
  static int causeRank(String ruleId) {
    int cause = CAUSES.indexOf(ruleId);
    if (cause >= 0) {
      return cause;
    }
    int symptom = SYMPTOMS.indexOf(ruleId);
    return symptom >= 0 ? 1000 + symptom : 500;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int rootA = find(parent, a);
    int rootB = find(parent, b);
    if (rootA != rootB) {
      parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
    }
  }
}
