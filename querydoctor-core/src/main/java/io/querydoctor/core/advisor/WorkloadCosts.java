package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planner costs the selection asks for, each planned once.
 *
 * <p>Design note. A query's cost depends only on the indexes it could use (AutoAdmin's atomic configurations):
 * those on its tables whose columns it mentions. So a cost is cached per (statement, relevant indexes), and an
 * index on a column a query never names is not relevant to it — the pruning that makes Extend fast (Schlosser
 * et al.; the evaluation platform of Kossmann et al. caches the same way). The statements not yet cached for
 * one configuration are planned in one {@link WhatIf#plan} call with exactly the indexes relevant to them (a
 * view hides the columns a statement reads through it, so planning with more could cache a cost under the
 * wrong key), so that a what-if that keeps its indexes between calls pays for few new indexes per evaluated
 * candidate, not for every statement.
 */
final class WorkloadCosts {

  private final WhatIf whatIf;
  private final Map<CostKey, PlannedCost> cache = new HashMap<>();
  private final Map<WorkloadQuery, Map<String, Set<String>>> columns = new HashMap<>();
  private int plannedStatements;
  private int planCalls;
  private long planNanos;

  WorkloadCosts(WhatIf whatIf) {
    this.whatIf = whatIf;
  }

  private record CostKey(String sql, Set<IndexCandidate> config) {}

  PlannedCost cost(WorkloadQuery query, Collection<IndexCandidate> config) throws WhatIfException {
    return costs(List.of(query), config).get(query);
  }

  /** The cost of each of {@code queries} with {@code config}, planning together those not yet known. */
  Map<WorkloadQuery, PlannedCost> costs(List<WorkloadQuery> queries, Collection<IndexCandidate> config)
      throws WhatIfException {
    Map<WorkloadQuery, PlannedCost> result = new LinkedHashMap<>();
    Map<WorkloadQuery, CostKey> missing = new LinkedHashMap<>();
    Set<IndexCandidate> needed = new LinkedHashSet<>();
    for (WorkloadQuery query : queries) {
      Set<IndexCandidate> relevant = relevant(query, config);
      CostKey key = new CostKey(query.sql(), relevant);
      PlannedCost cached = cache.get(key);
      if (cached != null) {
        result.put(query, cached);
      } else if (!missing.containsValue(key)) {
        missing.put(query, key);
        needed.addAll(relevant);
      }
    }
    if (!missing.isEmpty()) {
      List<WorkloadQuery> toPlan = new ArrayList<>(missing.keySet());
      long start = System.nanoTime();
      List<PlannedCost> planned = whatIf.plan(toPlan.stream().map(WorkloadQuery::sql).toList(), needed);
      planNanos += System.nanoTime() - start;
      planCalls++;
      plannedStatements += toPlan.size();
      for (int i = 0; i < toPlan.size(); i++) {
        CostKey key = missing.get(toPlan.get(i));
        Set<IndexCandidate> used = new LinkedHashSet<>(planned.get(i).used());
        used.retainAll(key.config());
        cache.put(key, new PlannedCost(planned.get(i).cost(), used));
      }
    }
    for (WorkloadQuery query : queries) {
      result.computeIfAbsent(query, q -> cache.get(new CostKey(q.sql(), relevant(q, config))));
    }
    return result;
  }

  /** How much planning the selection asked for: calls, statements planned, milliseconds in the what-if. */
  String effort() {
    return planCalls + " what-if calls, " + plannedStatements + " statements planned, " + planNanos / 1_000_000
        + " ms";
  }

  /** The indexes of {@code config} that {@code query} could use. */
  Set<IndexCandidate> relevant(WorkloadQuery query, Collection<IndexCandidate> config) {
    Set<IndexCandidate> relevant = new LinkedHashSet<>();
    for (IndexCandidate index : config) {
      if (isRelevant(index, query)) {
        relevant.add(index);
      }
    }
    return relevant;
  }

  /**
   * Whether {@code query} reads {@code index}'s table and names one of its columns; an expression or GIN key
   * counts as relevant to every query on the table (its columns are not parsed out).
   */
  boolean isRelevant(IndexCandidate index, WorkloadQuery query) {
    Set<String> named = columnsOf(query).get(index.table());
    if (named == null) {
      return false;
    }
    if (index.method() != IndexMethod.BTREE) {
      return true;
    }
    for (SortKey key : index.keys()) {
      if (!key.expression().matches("[a-z_][a-z0-9_$]*") || named.contains(key.expression())) {
        return true;
      }
    }
    return index.include().stream().anyMatch(named::contains);
  }

  /** Per table, every column {@code query} names on it. */
  Map<String, Set<String>> columnsOf(WorkloadQuery query) {
    return columns.computeIfAbsent(query, q -> {
      Map<String, Set<String>> byTable = new HashMap<>();
      for (TableAccess access : q.parsed().accesses()) {
        Set<String> named = byTable.computeIfAbsent(access.table(), t -> new LinkedHashSet<>());
        named.addAll(access.referenced());
        named.addAll(access.lookupColumns());
        named.addAll(access.range());
        named.addAll(access.groupBy());
        named.addAll(access.selected());
        named.addAll(access.containment());
        access.orderBy().forEach(k -> named.add(k.expression()));
      }
      if (q.parsed().writtenTable() != null) {
        byTable.computeIfAbsent(q.parsed().writtenTable(), t -> new LinkedHashSet<>());
      }
      return byTable;
    });
  }
}
