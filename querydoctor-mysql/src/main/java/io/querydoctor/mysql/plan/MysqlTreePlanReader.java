package io.querydoctor.mysql.plan;

import io.querydoctor.core.plan.Actual;
import io.querydoctor.core.plan.Conditions;
import io.querydoctor.core.plan.Estimate;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads MySQL 8.0.18+'s tree format: {@code EXPLAIN FORMAT=TREE} and {@code EXPLAIN ANALYZE}, one iterator per
 * line, {@code -> Name  (cost=… rows=…) (actual time=first..last rows=… loops=…)}, children indented under it.
 *
 * <p>Design note. The lines are read into a tree by their indentation (a stack of open nodes). MySQL prints a
 * filter as its own iterator above the scan it filters; the reader folds {@code Filter:} directly above a scan
 * into that scan, as PostgreSQL prints it (the scan's filter, its rows = what passed, rows removed = read − passed),
 * so core's rules see the same shape from both engines. Actual times and rows are per loop, as in PostgreSQL. An
 * iterator the reader does not know is kept as an "other" node under its own name; costs shown as {@code ***}
 * (MySQL's test suite masks them) read as 0.
 */
public final class MysqlTreePlanReader {

  private static final Pattern TAIL = Pattern.compile(
      "(?:\\s+\\(cost=(?<cost>[^ )]+) rows=(?<rows>[^ )]+)\\))?"
          + "(?:\\s+\\(actual time=(?<first>[^ .]+(?:\\.[^.]+?)?)\\.\\.(?<last>[^ ]+) rows=(?<arows>[^ ]+) "
          + "loops=(?<loops>\\d+)\\))?(?<never>\\s+\\(never executed\\))?\\s*$");
  private static final Pattern ON_TABLE = Pattern.compile(" on (?<table>\\S+?)(?: using (?<index>[^ (]+(?:\\([^)]*\\))?))?"
      + "(?: \\((?<cond>.*)\\))?(?:, with index condition: (?<icond>.*))?$");

  private final Map<PlanNode, TableAccessFacts> facts = new IdentityHashMap<>();

  /** Reads one plan. */
  public static MysqlPlan read(String text) {
    return new MysqlTreePlanReader().parse(text);
  }

  private record Line(int indent, String label, Estimate estimate, Actual actual) {}

  private static final class Draft {
    final Line line;
    final List<PlanNode> children = new ArrayList<>();

    Draft(Line line) {
      this.line = line;
    }
  }

  private MysqlPlan parse(String text) {
    Deque<Draft> open = new ArrayDeque<>();
    PlanNode root = null;
    for (String raw : text.split("\\R")) {
      String line = raw.startsWith("EXPLAIN: ") ? raw.substring(9) : raw;
      int arrow = line.indexOf("-> ");
      if (arrow < 0 || !line.substring(0, arrow).isBlank()) {
        continue;
      }
      Line parsed = line(arrow, line.substring(arrow + 3));
      while (!open.isEmpty() && open.peek().line.indent() >= parsed.indent()) {
        root = close(open);
      }
      if (root != null) {
        throw new MysqlPlanFormatException("the tree plan has more than one top line: its indentation was lost "
            + "(paste EXPLAIN ANALYZE output as MySQL prints it, with the leading spaces)");
      }
      open.push(new Draft(parsed));
    }
    while (!open.isEmpty()) {
      root = close(open);
    }
    if (root == null) {
      throw new MysqlPlanFormatException("not a MySQL tree plan: no line starts with \"-> \"");
    }
    return new MysqlPlan(new Plan(root, null, null), MysqlPlan.Dialect.MYSQL_TREE, facts);
  }

  /** Builds the innermost open node into its parent; returns it when it was the top node, else null. */
  private PlanNode close(Deque<Draft> open) {
    PlanNode done = build(open.pop());
    if (open.isEmpty()) {
      return done;
    }
    open.peek().children.add(done);
    return null;
  }

  private static Line line(int indent, String body) {
    Matcher tail = TAIL.matcher(body);
    tail.find();
    String label = body.substring(0, tail.start()).strip();
    double cost = 0;
    double rows = 0;
    if (tail.group("cost") != null) {
      String c = tail.group("cost");
      cost = number(c.contains("..") ? c.substring(c.indexOf("..") + 2) : c);
      rows = number(tail.group("rows"));
    }
    Actual actual = null;
    if (tail.group("loops") != null) {
      actual = new Actual(number(tail.group("first")), number(tail.group("last")), number(tail.group("arows")),
          Long.parseLong(tail.group("loops")));
    } else if (tail.group("never") != null) {
      actual = new Actual(0, 0, 0, 0);
    }
    return new Line(indent, label, new Estimate(0, cost, rows, 0), actual);
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private PlanNode build(Draft draft) {
    String label = draft.line.label();
    if (label.startsWith("Filter: ") && draft.children.size() == 1 && facts.containsKey(draft.children.get(0))) {
      return foldFilter(draft, draft.children.get(0));
    }
    PlanNode.Builder node = IteratorKinds.builder(label);
    node.estimate(draft.line.estimate()).actual(draft.line.actual());
    if (label.startsWith("Filter: ")) {
      node.conditions(new Conditions(MysqlConditions.normalize(label.substring(8)), null, null, null, null, null));
    }
    Matcher on = ON_TABLE.matcher(label);
    boolean tableAccess = node.kind().isScan() && on.find() && !label.contains("<temporary>");
    if (tableAccess) {
      node.relation(on.group("table"), on.group("table")).index(on.group("index"));
      String cond = on.group("icond") != null ? on.group("icond") : on.group("cond");
      if (on.group("cond") != null && !on.group("cond").startsWith("over ")) {
        node.conditions(new Conditions(null, MysqlConditions.normalize(cond), null, null, null, null));
      }
    }
    IteratorKinds.details(label, node);
    draft.children.forEach(node::child);
    PlanNode built = node.build();
    if (tableAccess) {
      facts.put(built, new TableAccessFacts(on.group("table"), IteratorKinds.accessType(label),
          built.estimate().rows(), 100, null, IteratorKinds.indexMerge(label), List.of()));
    }
    return built;
  }

  /** A filter over a scan becomes the scan's filter, as PostgreSQL prints it. */
  private PlanNode foldFilter(Draft filter, PlanNode scan) {
    String condition = MysqlConditions.normalize(filter.line.label().substring(8));
    PlanNode.Builder node = PlanNode.builder(scan.nodeType(), scan.kind()).relation(scan.relation(), scan.alias())
        .index(scan.index()).conditions(new Conditions(condition, scan.conditions().indexCond(), null, null, null,
            null));
    Estimate e = filter.line.estimate();
    node.estimate(new Estimate(0, Math.max(e.totalCost(), scan.estimate().totalCost()), e.rows(), 0));
    Actual measured = filter.line.actual();
    if (measured != null && scan.actual() != null) {
      node.actual(new Actual(scan.actual().startupMillis(), measured.totalMillis(), measured.rows(),
          measured.loops()));
      node.rowsRemoved(Math.max(0, scan.actual().rows() - measured.rows()), 0, 0);
    }
    scan.children().forEach(node::child);
    PlanNode built = node.build();
    TableAccessFacts was = facts.remove(scan);
    double examined = scan.estimate().rows();
    double filtered = examined > 0 ? Math.min(100, e.rows() / examined * 100) : 100;
    facts.put(built, new TableAccessFacts(was.table(), was.accessType(), examined, filtered, was.joinBuffer(),
        was.indexMerge(), was.mergedIndexes()));
    return built;
  }
}
