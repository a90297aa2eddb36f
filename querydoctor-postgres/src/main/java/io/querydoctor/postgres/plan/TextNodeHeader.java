package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Actual;
import io.querydoctor.core.plan.Estimate;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.PlanNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node line of a text plan, e.g. {@code Parallel Index Scan Backward using i on public.orders o
 * (cost=0.29..8.31 rows=1 width=4) (actual time=0.01..0.02 rows=1 loops=3)}, turned into the node type, the
 * names and the numbers the JSON format gives as separate fields.
 *
 * <p>Design: the text format folds JSON fields into the node name ({@code HashAggregate} is an {@code Aggregate}
 * with strategy {@code Hashed}, {@code Hash Left Join} a {@code Hash Join} of join type {@code Left},
 * {@code Insert on t} a {@code ModifyTable}); this class undoes that folding so both readers give one model.
 */
final class TextNodeHeader {

  private static final Pattern COST =
      Pattern.compile("\\(cost=([\\d.]+)\\.\\.([\\d.]+) rows=([\\d.]+) width=(\\d+)\\)");
  private static final Pattern ACTUAL = Pattern.compile(
      "\\(actual (?:time=([\\d.]+)\\.\\.([\\d.]+) )?rows=([\\d.]+) loops=(\\d+)\\)");
  private static final Pattern JOIN = Pattern.compile(
      "(Hash|Merge|Nested Loop)(?: (Left|Right|Full|Semi|Anti|Right Semi|Right Anti))?(?: Join)?");
  private static final List<String> MODIFY = List.of("Insert", "Update", "Delete", "Merge");

  private TextNodeHeader() {}

  /** True when {@code text} (a trimmed line without its arrow) carries a node's cost or actual figures. */
  static boolean hasFigures(String text) {
    return text.contains("(cost=") || text.contains("(actual ") || text.endsWith("(never executed)");
  }

  /** A builder for the node {@code text} describes; {@code lineNumber} only for messages. */
  static PlanNode.Builder parse(String text, int lineNumber) {
    int figures = figuresStart(text);
    String name = (figures < 0 ? text : text.substring(0, figures)).strip();
    String rest = figures < 0 ? "" : text.substring(figures);
    if (name.isEmpty()) {
      throw new PlanFormatException("line " + lineNumber + ": plan node without a name: " + text);
    }
    try {
      return figures(named(name), rest, lineNumber);
    } catch (NumberFormatException e) {
      throw new PlanFormatException("line " + lineNumber + ": unreadable number in the node's figures: " + rest);
    }
  }

  private static PlanNode.Builder figures(PlanNode.Builder builder, String rest, int lineNumber) {
    Matcher cost = COST.matcher(rest);
    if (cost.find()) {
      builder.estimate(new Estimate(Double.parseDouble(cost.group(1)), Double.parseDouble(cost.group(2)),
          Double.parseDouble(cost.group(3)), Integer.parseInt(cost.group(4))));
    } else if (rest.contains("(cost=")) {
      throw new PlanFormatException("line " + lineNumber + ": unreadable cost figures: " + rest);
    }
    builder.actual(actual(rest, lineNumber));
    return builder;
  }

  private static int figuresStart(String text) {
    int best = -1;
    for (String marker : List.of("(cost=", "(actual ", "(never executed)")) {
      int at = text.indexOf(marker);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  private static Actual actual(String rest, int lineNumber) {
    if (rest.contains("(never executed)")) {
      return new Actual(0, 0, 0, 0);
    }
    Matcher actual = ACTUAL.matcher(rest);
    if (actual.find()) {
      double startup = actual.group(1) == null ? 0 : Double.parseDouble(actual.group(1));
      double total = actual.group(2) == null ? 0 : Double.parseDouble(actual.group(2));
      return new Actual(startup, total, Double.parseDouble(actual.group(3)), Long.parseLong(actual.group(4)));
    }
    if (rest.contains("(actual ")) {
      throw new PlanFormatException("line " + lineNumber + ": unreadable actual figures: " + rest);
    }
    return null;
  }

  /** Splits a node name into type, relation, alias, index, join type, strategy and operation. */
  private static PlanNode.Builder named(String name) {
    boolean parallel = name.startsWith("Parallel ");
    String body = parallel ? name.substring("Parallel ".length()) : name;
    if (body.startsWith("Partial ") || body.startsWith("Finalize ")) {
      body = body.substring(body.indexOf(' ') + 1);
    }
    String target = null;
    int on = body.indexOf(" on ");
    int using = body.indexOf(" using ");
    String head = body;
    String index = null;
    if (using >= 0 && (on < 0 || using < on)) {
      head = body.substring(0, using);
      String afterUsing = body.substring(using + " using ".length());
      int indexEnd = afterUsing.indexOf(" on ");
      index = unquote(indexEnd < 0 ? afterUsing : afterUsing.substring(0, indexEnd));
      target = indexEnd < 0 ? null : afterUsing.substring(indexEnd + " on ".length());
    } else if (on >= 0) {
      head = body.substring(0, on);
      target = body.substring(on + " on ".length());
    }
    if (head.endsWith(" Backward")) {
      head = head.substring(0, head.length() - " Backward".length());
    }
    return typed(head, target, index).parallelAware(parallel);
  }

  private static PlanNode.Builder typed(String head, String target, String index) {
    if (MODIFY.contains(head) && target != null) {
      String alias = alias(target);
      return PlanNode.builder("ModifyTable", NodeKind.MODIFY).operation(head)
          .relation(first(target), alias == null ? first(target) : alias);
    }
    String aggregateStrategy = switch (head) {
      case "HashAggregate" -> "Hashed";
      case "GroupAggregate" -> "Sorted";
      case "MixedAggregate" -> "Mixed";
      case "Aggregate" -> "Plain";
      default -> null;
    };
    if (aggregateStrategy != null) {
      return PlanNode.builder("Aggregate", NodeKind.AGGREGATE).strategy(aggregateStrategy);
    }
    if (head.equals("HashSetOp") || head.equals("SetOp")) {
      return PlanNode.builder("SetOp", NodeKind.SET_OPERATION)
          .strategy(head.equals("HashSetOp") ? "Hashed" : "Sorted");
    }
    Matcher join = JOIN.matcher(head);
    if (join.matches() && !head.equals("Hash")) {
      String type = join.group(1).equals("Hash") ? "Hash Join" : join.group(1).equals("Merge") ? "Merge Join"
          : "Nested Loop";
      return PlanNode.builder(type, PgNodeKinds.of(type)).joinType(join.group(2) == null ? "Inner" : join.group(2));
    }
    PlanNode.Builder builder = PlanNode.builder(head, PgNodeKinds.of(head));
    if (head.equals("Bitmap Index Scan")) {
      return builder.index(target == null ? null : unquote(target));
    }
    builder.index(index);
    if (target != null) {
      targeted(builder, head, target);
    }
    return builder;
  }

  /** What {@code on …} names: a relation for table scans, a CTE, or only an alias (subquery, function, values). */
  private static void targeted(PlanNode.Builder builder, String head, String target) {
    String first = first(target);
    String alias = alias(target);
    switch (head) {
      case "CTE Scan" -> builder.cteName(first).relation(null, alias == null ? first : alias);
      case "Subquery Scan", "Values Scan" -> builder.relation(null, first);
      case "Function Scan", "Table Function Scan", "WorkTable Scan", "Named Tuplestore Scan" ->
          builder.relation(null, alias == null ? first : alias);
      default -> builder.relation(first, alias == null ? first : alias);
    }
  }

  private static String first(String target) {
    int space = target.indexOf(' ');
    return unquote(space < 0 ? target : target.substring(0, space));
  }

  private static String alias(String target) {
    int space = target.indexOf(' ');
    return space < 0 ? null : unquote(target.substring(space + 1).strip());
  }

  private static String unquote(String name) {
    return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
        ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
  }
}
