package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code non-sargable-predicate}: a scan filters on a column wrapped in a cast, function or arithmetic
 * ({@code created_at::date = d}, {@code lower(email) = x}, {@code date_trunc('day', ts) = d}), so no plain
 * index on the column can serve it. The fix is the range rewrite when the wrapper truncates time, else an
 * expression index. Fires on scans that read at least {@code minRowsExamined} rows (any sequential scan when
 * the plan was not run).
 */
public final class NonSargablePredicateRule implements PlanRule {

  public static final String ID = "non-sargable-predicate";

  private static final Pattern TRUNC_UNIT = Pattern.compile("^'(\\w+)'");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : context.plan().nodes()) {
      if (!node.kind().isScan() || node.relation() == null || !readsEnough(context, node)) {
        continue;
      }
      for (Comparison c : context.comparisons(node.conditions().filter(), node.relation())) {
        if (c.wrapping() != Comparison.Wrapping.BARE && c.comparesWithValue()) {
          findings.add(new PlanFinding(node, finding(context, node, c)));
        }
      }
    }
    return findings;
  }

  private static boolean readsEnough(PlanContext context, PlanNode node) {
    if (node.actual() == null) {
      return node.kind() == NodeKind.SEQ_SCAN;
    }
    double read = node.actual().totalRows() + node.totalRowsRemovedByFilter();
    return read >= context.settings().minRowsExamined();
  }

  private static Finding finding(PlanContext context, PlanNode node, Comparison c) {
    Finding.Builder finding = NodeFindings.start(context, ID, node, context.plan().time(node).selfMillis(),
            "The filter " + c.left() + " " + c.operator() + " " + c.right() + " wraps the column " + c.column()
                + " in " + describe(c) + ", so an index on " + c.column() + " cannot be used for it.")
        .title("Non-sargable filter on " + node.relation() + "." + c.column() + ": " + c.left())
        .subject(Subject.columns(node.relation(), c.column()))
        .fix(fix(node, c));
    if (node.actual() == null) {
      // Not run: only the planner's guess of the rows the filter keeps is known, and any sequential scan counts.
      return finding.evidence(Evidence.of("estimated_rows_kept", node.estimate().rows(), "rows")).build();
    }
    double read = node.actual().totalRows() + node.totalRowsRemovedByFilter();
    return finding.evidence(Evidence.crossed("rows_read", read, "rows", context.settings().minRowsExamined()))
        .evidence(Evidence.of("rows_removed_by_filter", node.totalRowsRemovedByFilter(), "rows"))
        .build();
  }

  private static String describe(Comparison c) {
    return switch (c.wrapping()) {
      case CAST -> "a cast to " + c.wrapper();
      case FUNCTION -> "the function " + c.wrapper() + "()";
      default -> "an expression";
    };
  }

  private static Fix fix(PlanNode node, Comparison c) {
    String column = c.column();
    if (c.operator().equals("=") && c.wrapping() == Comparison.Wrapping.CAST && c.wrapper().equals("date")) {
      return Fix.code("Compare the column with a range instead of casting it, so an index on " + column
              + " serves it:", column + " >= " + c.right() + " AND " + column + " < " + c.right() + " + 1");
    }
    if (c.operator().equals("=") && "date_trunc".equals(c.wrapper())) {
      Matcher unit = TRUNC_UNIT.matcher(c.left().substring(c.left().indexOf('(') + 1));
      String step = unit.find() ? unit.group(1).toLowerCase(Locale.ROOT) : "day";
      return Fix.code("Compare the column with a range instead of truncating it, so an index on " + column
          + " serves it:", column + " >= " + c.right() + " AND " + column + " < " + c.right()
          + " + interval '1 " + step + "'");
    }
    if (c.wrapping() == Comparison.Wrapping.CAST && Predicates.isTextType(c.wrapper())) {
      return Fix.sql("Compare " + column + " as the type it is (e.g. " + column + " = 5, not " + column
          + "::text = '5'), so a plain index on " + column + " serves it; or index the expression exactly as the "
          + "query writes it:", "CREATE INDEX CONCURRENTLY ON " + node.relation() + " ((" + c.left() + "));");
    }
    return Fix.sql("Index the expression itself (the query must use it exactly as written), or rewrite the "
        + "filter to compare the bare column. PostgreSQL indexes only IMMUTABLE expressions: lower(), upper() and "
        + "casts between text types are; date_trunc() and ::date of a timestamptz are not (they depend on the time "
        + "zone), so rewrite those as a range.", "CREATE INDEX CONCURRENTLY ON " + node.relation()
        + " ((" + c.left() + "));");
  }
}
