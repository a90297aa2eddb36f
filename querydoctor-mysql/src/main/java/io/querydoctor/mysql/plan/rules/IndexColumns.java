package io.querydoctor.mysql.plan.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of the index that serves a condition: its sargable equality columns first, then its first range
 * column (a B-tree range-scans on one column only), then the sort columns when given.
 */
final class IndexColumns {

  private IndexColumns() {}

  static List<String> forFilter(String condition) {
    return forFilter(condition, List.of());
  }

  /** Equality columns then the sort columns: a range column before them would break the order. */
  static List<String> forSort(String condition, List<String> sortColumns) {
    List<String> keys = new ArrayList<>();
    for (MysqlPredicate p : MysqlPredicate.parse(condition)) {
      if (p.isSargable() && p.comparesWithValue() && p.isEquality() && !keys.contains(p.column())) {
        keys.add(p.column());
      }
    }
    sortColumns.stream().filter(c -> !keys.contains(c)).forEach(keys::add);
    return keys;
  }

  static List<String> forFilter(String condition, List<String> sortColumns) {
    Set<String> equality = new LinkedHashSet<>();
    List<String> range = new ArrayList<>();
    for (MysqlPredicate p : MysqlPredicate.parse(condition)) {
      if (p.isSargable() && p.comparesWithValue()) {
        (p.isEquality() ? equality : range).add(p.column());
      }
    }
    List<String> keys = new ArrayList<>(equality);
    range.stream().filter(c -> !equality.contains(c)).findFirst().ifPresent(keys::add);
    for (String sort : sortColumns) {
      if (!keys.contains(sort)) {
        keys.add(sort);
      }
    }
    return keys;
  }
}
