package io.querydoctor.core.advisor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How one query block uses one table: the raw material of index candidates. Column names are lower case and
 * unqualified; each set keeps the order in which the statement mentions the columns.
 *
 * <p>Built by {@link QueryParser}; read-only to everyone else.
 */
public final class TableAccess {

  private final String table;
  private final Set<String> equality = new LinkedHashSet<>();
  private final Set<String> in = new LinkedHashSet<>();
  private final Set<String> range = new LinkedHashSet<>();
  private final Set<String> join = new LinkedHashSet<>();
  private final List<SortKey> orderBy = new ArrayList<>();
  private final Set<String> groupBy = new LinkedHashSet<>();
  private final Set<String> selected = new LinkedHashSet<>();
  private final Set<String> referenced = new LinkedHashSet<>();
  private final List<ConstantFilter> constantFilters = new ArrayList<>();
  private final List<ExpressionFilter> expressionFilters = new ArrayList<>();
  private final Set<String> containment = new LinkedHashSet<>();
  private boolean selectsAll;

  TableAccess(String table) {
    this.table = table;
  }

  /** The table as the statement names it, lower case ({@code posts}, {@code public.posts}). */
  public String table() {
    return table;
  }

  /** Columns compared with {@code =} to a value (a literal or a parameter). */
  public Set<String> equality() {
    return Collections.unmodifiableSet(equality);
  }

  /** Columns compared with {@code IN (…)} or {@code = ANY(…)}. */
  public Set<String> in() {
    return Collections.unmodifiableSet(in);
  }

  /** Columns with a range: {@code <}, {@code <=}, {@code >}, {@code >=}, {@code BETWEEN}, prefix {@code LIKE}. */
  public Set<String> range() {
    return Collections.unmodifiableSet(range);
  }

  /** Columns equated with a column of another table (join keys, correlated subqueries). */
  public Set<String> join() {
    return Collections.unmodifiableSet(join);
  }

  /** The block's {@code ORDER BY} keys on this table, when every key is a column of this table; else empty. */
  public List<SortKey> orderBy() {
    return Collections.unmodifiableList(orderBy);
  }

  public Set<String> groupBy() {
    return Collections.unmodifiableSet(groupBy);
  }

  /** Columns in the select list. */
  public Set<String> selected() {
    return Collections.unmodifiableSet(selected);
  }

  /** Every column of this table the block mentions anywhere: what a covering index must hold. */
  public Set<String> referenced() {
    return Collections.unmodifiableSet(referenced);
  }

  public List<ConstantFilter> constantFilters() {
    return Collections.unmodifiableList(constantFilters);
  }

  public List<ExpressionFilter> expressionFilters() {
    return Collections.unmodifiableList(expressionFilters);
  }

  /** Columns tested with jsonb or array containment ({@code @>}, {@code <@}, {@code ?}, {@code &&}): GIN. */
  public Set<String> containment() {
    return Collections.unmodifiableSet(containment);
  }

  /** {@code SELECT *} or {@code t.*}: no index can cover the block. */
  public boolean selectsAll() {
    return selectsAll;
  }

  /** Columns an equality lookup can use: equality, IN and join columns, in that order. */
  public List<String> lookupColumns() {
    Set<String> all = new LinkedHashSet<>(equality);
    all.addAll(in);
    all.addAll(join);
    return List.copyOf(all);
  }

  void equality(String column) {
    equality.add(column);
  }

  void in(String column) {
    in.add(column);
  }

  void range(String column) {
    range.add(column);
  }

  void join(String column) {
    join.add(column);
  }

  void orderBy(SortKey key) {
    orderBy.add(key);
  }

  void groupBy(String column) {
    groupBy.add(column);
  }

  void selected(String column) {
    selected.add(column);
  }

  void referenced(String column) {
    referenced.add(column);
  }

  void constantFilter(ConstantFilter filter) {
    if (!constantFilters.contains(filter)) {
      constantFilters.add(filter);
    }
  }

  void expressionFilter(ExpressionFilter filter) {
    if (!expressionFilters.contains(filter)) {
      expressionFilters.add(filter);
    }
  }

  void containment(String column) {
    containment.add(column);
  }

  void selectAll() {
    selectsAll = true;
  }

  @Override
  public String toString() {
    return table + "{eq=" + equality + ", in=" + in + ", range=" + range + ", join=" + join + ", order=" + orderBy
        + ", group=" + groupBy + ", refs=" + referenced + ", const=" + constantFilters + ", expr=" + expressionFilters
        + ", gin=" + containment + (selectsAll ? ", *" : "") + "}";
  }
}
