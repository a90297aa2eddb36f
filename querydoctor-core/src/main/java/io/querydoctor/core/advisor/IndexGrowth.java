package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Extend's moves (Schlosser et al., ICDE 2019): start from single-column indexes and grow a chosen index one
 * attribute at a time, so that wide indexes are only built where each added column pays for its bytes. The
 * single columns are those the workload filters, joins, groups or sorts on; a chosen index may be extended by
 * such a column, or any other its predicates mention, of a query that also names the index's leading column
 * (only such a query can use the wider index; Extend also tries select-list columns, for index-only scans, which
 * the covering rule proposes here as {@code INCLUDE}). With no width limit, growth stops at {@link
 * #MAX_GROWN_KEYS} keys.
 */
final class IndexGrowth {

  /** Past this many keys an index is rarely worth its bytes; the bound keeps the search short. */
  static final int MAX_GROWN_KEYS = 4;

  private final List<WorkloadQuery> workload;
  private final WorkloadCosts costs;
  private final AdvisorSettings settings;

  IndexGrowth(List<WorkloadQuery> workload, WorkloadCosts costs, AdvisorSettings settings) {
    this.workload = workload;
    this.costs = costs;
    this.settings = settings;
  }

  /** The columns {@code query} looks up, joins on, ranges over, groups or sorts by on {@code table}. */
  private static Set<String> searchable(WorkloadQuery query, String table) {
    Set<String> columns = new LinkedHashSet<>();
    for (TableAccess access : query.parsed().accessesTo(table)) {
      columns.addAll(access.lookupColumns());
      columns.addAll(access.range());
      columns.addAll(access.groupBy());
      access.orderBy().forEach(k -> columns.add(k.expression()));
    }
    columns.removeIf(c -> !c.matches("[a-z_][a-z0-9_$]*"));
    return columns;
  }

  /**
   * The columns a grown index may take from {@code query} on {@code table}: those it looks up, ranges over, groups
   * or sorts by, and every other column its predicates mention (a column under an {@code OR}, as q19's
   * {@code l_shipmode}, is no lookup but an index on it still filters); not the columns only its select list
   * names, which the covering rule adds as {@code INCLUDE}.
   */
  private static Set<String> growable(WorkloadQuery query, String table) {
    Set<String> columns = searchable(query, table);
    for (TableAccess access : query.parsed().accessesTo(table)) {
      for (String column : access.referenced()) {
        if (!access.selected().contains(column) && column.matches("[a-z_][a-z0-9_$]*")) {
          columns.add(column);
        }
      }
    }
    return columns;
  }

  /** A one-column B-tree for every column some query looks up, joins on, ranges over, groups or sorts by. */
  List<IndexCandidate> singles() {
    Set<IndexCandidate> singles = new LinkedHashSet<>();
    for (WorkloadQuery query : workload) {
      for (TableAccess access : query.parsed().accesses()) {
        Set<String> columns = new LinkedHashSet<>(access.lookupColumns());
        columns.addAll(access.range());
        columns.addAll(access.groupBy());
        access.orderBy().forEach(k -> columns.add(k.expression()));
        for (String column : columns) {
          if (column.matches("[a-z_][a-z0-9_$]*")) {
            singles.add(IndexCandidate.btree(access.table(), List.of(SortKey.ascending(column)), CandidateKind.ORDERED));
          }
        }
      }
    }
    return new ArrayList<>(singles);
  }

  /** {@code index} with one more key column at the end, for each column that could make it more useful. */
  List<IndexCandidate> extensions(IndexCandidate index) {
    int limit = settings.maxIndexWidth() > 0 ? settings.maxIndexWidth() : MAX_GROWN_KEYS;
    if (index.method() != IndexMethod.BTREE || !index.include().isEmpty() || index.predicate() != null
        || index.keys().size() >= limit) {
      return List.of();
    }
    String leading = index.keys().get(0).expression();
    Set<String> keyColumns = new LinkedHashSet<>();
    index.keys().forEach(k -> keyColumns.add(k.expression()));
    Set<IndexCandidate> grown = new LinkedHashSet<>();
    for (WorkloadQuery query : workload) {
      Set<String> named = costs.columnsOf(query).get(index.table());
      if (named == null || !named.contains(leading)) {
        continue;
      }
      for (String column : growable(query, index.table())) {
        if (!keyColumns.contains(column)) {
          List<SortKey> keys = new ArrayList<>(index.keys());
          keys.add(SortKey.ascending(column));
          grown.add(IndexCandidate.btree(index.table(), keys, CandidateKind.ORDERED));
        }
      }
    }
    return new ArrayList<>(grown);
  }
}
