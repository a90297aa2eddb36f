package io.querydoctor.iceberg.history;

import io.querydoctor.core.advisor.ExpressionFilter;
import io.querydoctor.core.advisor.TableAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the query history uses one table: the queries that read it, and per column how many of them filter on it
 * by equality or by range, plus the filters that wrap a column in a function. Counts are per query, not per
 * mention.
 */
public final class TableUsage {

  private final String table;
  private final List<HistoryEntry> queries = new ArrayList<>();
  private final Map<String, ColumnFilters> columns = new LinkedHashMap<>();
  private final Map<String, WrappedFilter> wrapped = new LinkedHashMap<>();

  TableUsage(String table) {
    this.table = table;
  }

  void add(HistoryEntry entry, List<TableAccess> accesses) {
    queries.add(entry);
    java.util.Set<String> equality = new java.util.LinkedHashSet<>();
    java.util.Set<String> range = new java.util.LinkedHashSet<>();
    for (TableAccess access : accesses) {
      equality.addAll(access.equality());
      equality.addAll(access.in());
      range.addAll(access.range());
      for (ExpressionFilter filter : access.expressionFilters()) {
        wrapped.computeIfAbsent(filter.column() + "\u0000" + filter.expression(),
            k -> new WrappedFilter(filter.column(), filter.expression(), filter.equality(), entry.sql()))
            .add(entry);
      }
    }
    equality.forEach(c -> column(c).addEquality(entry));
    range.forEach(c -> column(c).addRange(entry));
  }

  private ColumnFilters column(String name) {
    return columns.computeIfAbsent(name, ColumnFilters::new);
  }

  public String table() {
    return table;
  }

  /** The queries that read the table. */
  public List<HistoryEntry> queries() {
    return List.copyOf(queries);
  }

  public double totalLatencyMillis() {
    return queries.stream().mapToDouble(HistoryEntry::latencyMillis).sum();
  }

  /**
   * Filtered columns, most filtered first; on a tie, range filters first (a time range is the usual first sort
   * key, as in the runbook's sort by timestamp, event_type), then in the order the history first names them.
   */
  public List<ColumnFilters> filteredColumns() {
    List<ColumnFilters> all = new ArrayList<>(columns.values());
    all.sort(Comparator.comparingInt(ColumnFilters::queries).reversed()
        .thenComparing(Comparator.comparingInt(ColumnFilters::range).reversed()));
    return all;
  }

  /** Filters that wrap a column in a function or cast, most frequent first. */
  public List<WrappedFilter> wrappedFilters() {
    List<WrappedFilter> all = new ArrayList<>(wrapped.values());
    all.sort(Comparator.comparingInt(WrappedFilter::queries).reversed());
    return all;
  }

  /** One column's filters across the history. */
  public static final class ColumnFilters {
    private final String column;
    private int equality;
    private int range;
    private final java.util.Set<HistoryEntry> queries = java.util.Collections.newSetFromMap(
        new java.util.IdentityHashMap<>());
    private double latencyMillis;

    ColumnFilters(String column) {
      this.column = column;
    }

    void addEquality(HistoryEntry entry) {
      equality++;
      count(entry);
    }

    void addRange(HistoryEntry entry) {
      range++;
      count(entry);
    }

    private void count(HistoryEntry entry) {
      if (queries.add(entry)) {
        latencyMillis += entry.latencyMillis();
      }
    }

    public String column() {
      return column;
    }

    public int equality() {
      return equality;
    }

    public int range() {
      return range;
    }

    /** Queries filtering on the column either way. */
    public int queries() {
      return queries.size();
    }

    public double latencyMillis() {
      return latencyMillis;
    }
  }

  /** A filter such as {@code date_format(ts, 'yyyy-MM-dd') = ?}: pruning cannot use the bare column. */
  public static final class WrappedFilter {
    private final String column;
    private final String expression;
    private final boolean equality;
    private final String example;
    private int queries;
    private double latencyMillis;

    WrappedFilter(String column, String expression, boolean equality, String example) {
      this.column = column;
      this.expression = expression;
      this.equality = equality;
      this.example = example;
    }

    void add(HistoryEntry entry) {
      queries++;
      latencyMillis += entry.latencyMillis();
    }

    public String column() {
      return column;
    }

    public String expression() {
      return expression;
    }

    public boolean equality() {
      return equality;
    }

    /** The first statement seen with it (literals included; redact before showing). */
    public String example() {
      return example;
    }

    public int queries() {
      return queries;
    }

    public double latencyMillis() {
      return latencyMillis;
    }
  }
}
