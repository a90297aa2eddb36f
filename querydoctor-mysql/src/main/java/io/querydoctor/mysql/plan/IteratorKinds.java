package io.querydoctor.mysql.plan;

import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.plan.SortInfo;
import java.util.List;
import java.util.Locale;

/** The iterator names of MySQL's tree format, mapped onto core's node kinds. */
final class IteratorKinds {

  private IteratorKinds() {}

  /** A builder whose node type is the iterator's name up to its details ({@code Index lookup}, {@code Sort}). */
  static PlanNode.Builder builder(String label) {
    String name = label.contains(":") ? label.substring(0, label.indexOf(':')) : label;
    int on = name.indexOf(" on ");
    if (on > 0) {
      name = name.substring(0, on);
    }
    int paren = name.indexOf(" (");
    if (paren > 0) {
      name = name.substring(0, paren);
    }
    return PlanNode.builder(name.strip(), kind(label));
  }

  static NodeKind kind(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    if (l.startsWith("table scan on <temporary>") || l.startsWith("table scan on <")) {
      return NodeKind.OTHER_SCAN;
    }
    if (l.startsWith("table scan on") || l.startsWith("index scan on") || l.startsWith("covering index scan on")) {
      return NodeKind.SEQ_SCAN;
    }
    if (l.contains("index range scan on") && (l.contains("using intersect(") || l.contains("using union(")
        || l.contains("using sort_union("))) {
      return NodeKind.BITMAP_HEAP_SCAN;
    }
    if (l.startsWith("covering index lookup") || l.startsWith("single-row covering index lookup")
        || l.startsWith("covering index range scan")) {
      return NodeKind.INDEX_ONLY_SCAN;
    }
    if (l.contains("index lookup on") || l.contains("index range scan on") || l.startsWith("constant row from")) {
      return NodeKind.INDEX_SCAN;
    }
    if (l.startsWith("nested loop")) {
      return NodeKind.NESTED_LOOP;
    }
    if (l.contains("hash join") || l.startsWith("hash semijoin") || l.startsWith("hash antijoin")) {
      return NodeKind.HASH_JOIN;
    }
    if (l.equals("hash")) {
      return NodeKind.HASH;
    }
    if (l.startsWith("sort")) {
      return NodeKind.SORT;
    }
    if (l.startsWith("limit")) {
      return NodeKind.LIMIT;
    }
    if (l.startsWith("aggregate") || l.startsWith("group aggregate")) {
      return NodeKind.AGGREGATE;
    }
    if (l.startsWith("window")) {
      return NodeKind.WINDOW;
    }
    if (l.startsWith("materialize") || l.startsWith("temporary table")) {
      return NodeKind.MATERIALIZE;
    }
    if (l.startsWith("remove duplicate")) {
      return NodeKind.UNIQUE;
    }
    return NodeKind.OTHER;
  }

  /** Sort keys, join conditions, aggregate strategy: what the label carries after the iterator's name. */
  static void details(String label, PlanNode.Builder node) {
    switch (node.kind()) {
      case SORT -> {
        String keys = label.contains(": ") ? label.substring(label.indexOf(": ") + 2) : "";
        int limit = keys.indexOf(", limit input to");
        keys = limit >= 0 ? keys.substring(0, limit) : keys;
        List<String> list = keys.isEmpty() ? List.of() : List.of(MysqlConditions.normalize(keys).split(", "));
        node.sort(new SortInfo(list, List.of(), null, null, 0));
      }
      case HASH_JOIN -> {
        int open = label.indexOf(" (");
        String cond = open > 0 && label.endsWith(")") ? label.substring(open + 2, label.length() - 1) : null;
        node.joinType(label.toLowerCase(Locale.ROOT).startsWith("left") ? "Left" : "Inner")
            .conditions(new Conditions(null, null, null, null, MysqlConditions.normalize(cond), null));
      }
      case NESTED_LOOP -> node.joinType(label.contains("left") ? "Left" : label.contains("semijoin") ? "Semi"
          : label.contains("antijoin") ? "Anti" : "Inner");
      case AGGREGATE -> node.strategy(label.contains("temporary table") ? "Hashed"
          : label.startsWith("Group aggregate") ? "Sorted" : "Plain");
      default -> { }
    }
  }

  static String accessType(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    if (l.startsWith("table scan")) {
      return "ALL";
    }
    if (l.startsWith("index scan") || l.startsWith("covering index scan")) {
      return "index";
    }
    if (l.contains("range scan")) {
      return indexMerge(label) != null ? "index_merge" : "range";
    }
    if (l.startsWith("single-row")) {
      return "eq_ref";
    }
    return "ref";
  }

  static String indexMerge(String label) {
    for (String kind : List.of("intersect", "sort_union", "union")) {
      if (label.contains("using " + kind + "(")) {
        return kind;
      }
    }
    return null;
  }
}
