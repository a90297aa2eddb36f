package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the candidate rules over every read and write of the workload and merges what they propose: one
 * candidate per distinct definition, minus those the database already has (same keys).
 */
public final class CandidateGenerator {

  private final List<CandidateRule> rules;

  public CandidateGenerator(List<CandidateRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Ordering, covering, partial, expression and GIN rules. */
  public static CandidateGenerator withDefaults() {
    return new CandidateGenerator(List.of(new OrderedIndexRule(), new CoveringIndexRule(), new PartialIndexRule(),
        new ExpressionIndexRule(), new GinIndexRule()));
  }

  /** The distinct candidates for {@code workload}, in the order first proposed. */
  public List<IndexCandidate> candidates(List<WorkloadQuery> workload, List<ExistingIndex> existing) {
    Map<IndexCandidate, IndexCandidate> found = new LinkedHashMap<>();
    for (WorkloadQuery query : workload) {
      for (TableAccess access : query.parsed().accesses()) {
        for (CandidateRule rule : rules) {
          for (IndexCandidate candidate : rule.propose(access)) {
            if (existing.stream().noneMatch(e -> e.sameKeysAs(candidate))) {
              found.putIfAbsent(candidate, candidate);
            }
          }
        }
      }
    }
    return new ArrayList<>(found.keySet());
  }

  /** The tables that have at least one candidate. */
  public static Set<String> tables(List<IndexCandidate> candidates) {
    Set<String> tables = new LinkedHashSet<>();
    candidates.forEach(c -> tables.add(c.table()));
    return tables;
  }
}
