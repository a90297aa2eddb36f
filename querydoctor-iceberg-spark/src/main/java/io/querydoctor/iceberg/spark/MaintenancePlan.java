package io.querydoctor.iceberg.spark;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.FixKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements to apply for chosen findings, in an order that works: table changes first (partition fields,
 * sort order, properties), then deletes compacted, data files rewritten (once: a sort rewrite makes the plain
 * rewrites of other findings redundant), manifests rewritten, snapshots expired last (so that the files the
 * rewrites replaced can go with them).
 */
final class MaintenancePlan {

  private MaintenancePlan() {}

  static List<String> statements(List<Finding> findings, Set<String> rules) {
    Set<String> statements = new LinkedHashSet<>();
    for (Finding finding : findings) {
      if ((rules.isEmpty() || rules.contains(finding.ruleId())) && finding.fix().kind() == FixKind.SQL) {
        finding.fix().sql().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(statements::add);
      }
    }
    List<String> ordered = new ArrayList<>(statements);
    boolean sorted = ordered.stream().anyMatch(s -> s.contains("strategy => 'sort'"));
    boolean all = ordered.stream().anyMatch(s -> s.contains("'rewrite-all'"));
    ordered.removeIf(s -> s.contains(".rewrite_data_files(") && !s.contains("delete-file-threshold")
        && (sorted && !s.contains("strategy => 'sort'") || !sorted && all && !s.contains("'rewrite-all'")));
    List<String> unique = new ArrayList<>();
    for (String s : ordered) {
      if (!(s.contains(".rewrite_data_files(") && !s.contains("delete-file-threshold")
          && unique.stream().anyMatch(u -> u.contains(".rewrite_data_files(") && !u.contains("delete-file-threshold")))) {
        unique.add(s);
      }
    }
    unique.sort(Comparator.comparingInt(MaintenancePlan::rank));
    return unique;
  }

  private static int rank(String statement) {
    if (statement.startsWith("ALTER TABLE")) {
      return 0;
    }
    if (statement.contains(".rewrite_position_delete_files(")) {
      return 1;
    }
    if (statement.contains(".rewrite_data_files(")) {
      return statement.contains("delete-file-threshold") ? 3 : 2;
    }
    if (statement.contains(".rewrite_manifests(")) {
      return 4;
    }
    return statement.contains(".expire_snapshots(") ? 5 : 6;
  }
}
