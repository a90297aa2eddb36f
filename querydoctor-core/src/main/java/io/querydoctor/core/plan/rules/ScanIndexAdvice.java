package io.querydoctor.core.plan.rules;

import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Derives the index that would serve a scan: equality and range columns from its index condition and filter,
 * and the sort keys of a sort directly above it (through Limit, Gather, Sort — not through joins, whose output
 * order no single-table index decides).
 */
final class ScanIndexAdvice {

  private static final Pattern SIMPLE_SORT_KEY = Pattern.compile("^[a-z_][\\w$]*(\\.[a-z_][\\w$]*)?( DESC)?( NULLS (FIRST|LAST))?$");

  private ScanIndexAdvice() {}

  /** The index for {@code scan}; {@link IndexDefinition#isEmpty()} when nothing sargable was found. */
  static IndexDefinition forScan(PlanContext context, PlanNode scan) {
    Plan plan = context.plan();
    List<String> equality = new ArrayList<>();
    List<String> range = new ArrayList<>();
    // Index conditions are lookups whatever their right side: a column of the outer side of a nested loop is
    // a parameter at run time. So is a filter's equality on such a column when the scan runs once per outer row.
    boolean parameterised = scan.loops() > 1;
    String table = scan.relation();
    List<Comparison> lookups = new ArrayList<>(context.comparisons(scan.conditions().indexCond(), table));
    lookups.addAll(context.comparisons(scan.conditions().recheckCond(), table));
    for (Comparison c : lookups) {
      if (c.isSargable()) {
        (c.isEquality() ? equality : range).add(key(context, table, c));
      }
    }
    for (Comparison c : context.comparisons(scan.conditions().filter(), table)) {
      if (c.isSargable() && (c.comparesWithValue() || parameterised && c.isEquality())) {
        (c.isEquality() ? equality : range).add(key(context, table, c));
      }
    }
    range.removeAll(equality);
    return new IndexDefinition(scan.relation(), equality, range, sortKeysAbove(plan, scan), List.of());
  }

  /**
   * The index key that serves {@code c}: its column, or for a column cast to text whose type the catalog did not
   * give, the cast expression itself, which is right whatever the type (for a {@code varchar} column it works
   * like the plain column; for an integer cast to text it is the only index that can serve the filter).
   */
  private static String key(PlanContext context, String table, Comparison c) {
    boolean knownText = c.isTextCast() && context.columnTypes().typeOf(table, c.column()) != null;
    return c.isTextCast() && !knownText ? "(" + c.left() + ")" : c.column();
  }

  /** Simple sort keys (plain columns, with DESC) of a sort reached from {@code scan} without crossing a join. */
  static List<String> sortKeysAbove(Plan plan, PlanNode scan) {
    for (PlanNode p = plan.parent(scan); p != null; p = plan.parent(p)) {
      if (p.kind() == NodeKind.SORT || p.kind() == NodeKind.INCREMENTAL_SORT) {
        List<String> keys = new ArrayList<>();
        for (String key : p.sort().keys()) {
          if (!SIMPLE_SORT_KEY.matcher(key).matches()) {
            return List.of();
          }
          String column = key.split(" ")[0];
          keys.add(Predicates.unqualified(column) + key.substring(column.length()));
        }
        return keys;
      }
      if (p.kind() != NodeKind.LIMIT && p.kind() != NodeKind.GATHER) {
        return List.of();
      }
    }
    return List.of();
  }

  /** The only table scanned under {@code node} without crossing a join, or null. */
  static PlanNode singleScanBelow(PlanNode node) {
    PlanNode current = node;
    while (true) {
      List<PlanNode> inputs = current.inputs();
      if (current.kind().isScan() && current.relation() != null) {
        return current;
      }
      if (inputs.size() != 1 || current.kind().isJoin()) {
        return null;
      }
      current = inputs.get(0);
    }
  }
}
