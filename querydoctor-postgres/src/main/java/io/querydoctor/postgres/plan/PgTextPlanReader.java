package io.querydoctor.postgres.plan;

import io.querydoctor.core.plan.Plan;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads PostgreSQL's text {@code EXPLAIN} output (12–18, with or without ANALYZE, BUFFERS, VERBOSE, SETTINGS,
 * WAL, TIMING OFF, COSTS OFF), as psql prints it or as auto_explain logs it, into the same {@link Plan} the
 * {@link PgPlanReader} builds from JSON.
 *
 * <p>Design: the text format nests by indentation. The root is the first line with cost or actual figures (so a
 * psql header or auto_explain's {@code Query Text:} before it is skipped); every later line sits to the right of
 * the root's column until the footer ({@code Planning Time}, {@code Execution Time}, {@code Settings}, JIT),
 * which starts at the root's column. A node's details and its children's arrows sit to the right of where the
 * node's name starts, so a stack of open nodes, popped while the top starts at or right of the new line, finds
 * each line's owner in one pass. Sub plan labels name the node that follows them. Malformed input raises
 * {@link PlanFormatException} with the line number. Thread-safe (no state).
 *
 * <p>Plans that went through other hands are read as PostgreSQL printed them where that can be known for sure
 * ({@link TextPlanLines}: byte-order mark, non-breaking spaces, tabs). Tabs hide the true columns, so a tabbed
 * plan is read strictly, as EXPLAIN lays it out (a child's arrow and a sub plan label two columns right of their
 * parent's name, details at least two), at the first tab width where that layout holds. A line that is not a
 * summary line but starts at or left of the root's column means the indentation was lost (a plan pasted flush
 * left): the tree cannot be recovered, and guessing it would give a confident wrong answer, so it is refused.
 */
public final class PgTextPlanReader {

  /** Parses {@code text}; throws {@link PlanFormatException} when it is not a text EXPLAIN plan. */
  public Plan read(String text) {
    List<String> lines = TextPlanLines.of(text);
    if (!TextPlanLines.tabbed(lines)) {
      return read(lines, false);
    }
    PlanFormatException first = null;
    for (int width : TextPlanLines.TAB_WIDTHS) {
      try {
        return read(TextPlanLines.expanded(lines, width), true);
      } catch (PlanFormatException e) {
        first = first == null ? e : first;
      }
    }
    throw new PlanFormatException(first.getMessage() + " (the plan is indented with tabs, and at no tab width do "
        + "its lines line up as EXPLAIN prints them; give the plan as EXPLAIN printed it)", first);
  }

  /** Reads the plan in {@code lines}; {@code strict}: refuse lines that are not where EXPLAIN puts them. */
  private static Plan read(List<String> lines, boolean strict) {
    int root = rootLine(lines);
    if (root < 0) {
      throw new PlanFormatException("not an EXPLAIN text plan: no plan node line with (cost=…) or (actual …)");
    }
    TextPlanLine first = TextPlanLine.of(root + 1, lines.get(root));
    TextNodeDraft top = new TextNodeDraft(TextNodeHeader.parse(first.text(), root + 1), first.column());
    Footer footer = new Footer();
    boolean buffersShown = tree(lines, root + 1, top, footer, strict);
    return new Plan(TextNodeDraft.buildTree(top, buffersShown), footer.planningMillis, footer.executionMillis);
  }

  /** Reads the lines under the root into its draft; returns whether any node showed buffers. */
  private static boolean tree(List<String> lines, int from, TextNodeDraft top, Footer footer, boolean strict) {
    Deque<TextNodeDraft> open = new ArrayDeque<>();
    open.push(top);
    TextPlanLine label = null;
    boolean buffersShown = false;
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      TextPlanLine line = TextPlanLine.of(i + 1, lines.get(i));
      if (footer.started || line.column() <= top.column) {
        footer.read(line, top.column);
        continue;
      }
      while (open.size() > 1 && open.peek().column >= line.column()) {
        open.pop();
      }
      if (strict) {
        checkLayout(line, open.peek(), label);
      }
      switch (line.type()) {
        case NODE -> {
          TextNodeDraft node = new TextNodeDraft(TextNodeHeader.parse(line.text(), line.number()), line.column());
          if (label != null && label.column() < line.column()) {
            node.relationship = label.relationship();
            node.builder.subplanName(label.text());
          }
          label = null;
          open.peek().add(node);
          open.push(node);
        }
        case LABEL -> label = line;
        case DETAIL -> {
          TextNodeDetails.apply(open.peek(), line.text(), line.number());
          buffersShown |= line.text().startsWith("Buffers: ");
        }
        case OTHER -> throw new PlanFormatException("line " + line.number() + ": not a plan line: " + line.text());
      }
    }
    return buffersShown;
  }

  /**
   * EXPLAIN's layout: a child's arrow and a sub plan label two columns right of the name of the node they belong
   * to (a label's node two right of the label), details at least two right (a worker's details go deeper).
   */
  private static void checkLayout(TextPlanLine line, TextNodeDraft owner, TextPlanLine label) {
    int expected = line.type() == TextPlanLine.Type.NODE && label != null ? label.column() + 2 : owner.column + 2;
    boolean fits = line.type() == TextPlanLine.Type.DETAIL ? line.indent() >= expected : line.indent() == expected;
    if (!fits) {
      throw new PlanFormatException("line " + line.number() + ": not indented as EXPLAIN indents it: " + line.text());
    }
  }

  /** Whether {@code line} is a plan node's line: the only lines with cost or actual figures. */
  public static boolean isNodeLine(String line) {
    return TextNodeHeader.hasFigures(TextPlanLines.clean(line).strip());
  }

  /** The first line with a node's figures, or -1. */
  private static int rootLine(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (isNodeLine(lines.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The lines after the tree: only the two timings matter to the model. */
  private static final class Footer {
    /** What EXPLAIN prints at the root's column after the tree, and psql's row count. */
    private static final java.util.regex.Pattern SUMMARY = java.util.regex.Pattern.compile(
        "(Planning Time|Execution Time|Planning|Settings|JIT|Query Identifier|Serialization|Total runtime"
            + "|Trigger [^:]*|Memory|Buffers):.*|\\(\\d+ rows?\\)");

    boolean started;
    Double planningMillis;
    Double executionMillis;

    void read(TextPlanLine line, int rootColumn) {
      String text = line.text();
      if (line.indent() <= rootColumn && !SUMMARY.matcher(text).matches()) {
        throw new PlanFormatException("line " + line.number() + ": \"" + text + "\" starts at the root node's "
            + "indentation, where only summary lines (Planning Time, Execution Time, …) do: the plan's "
            + "indentation was lost, so its tree cannot be known; give the plan as EXPLAIN printed it");
      }
      started = true;
      if (text.startsWith("Planning Time: ")) {
        planningMillis = millis(text, line.number());
      } else if (text.startsWith("Execution Time: ")) {
        executionMillis = millis(text, line.number());
      }
    }

    private static Double millis(String text, int number) {
      String value = text.substring(text.indexOf(": ") + 2).replace(" ms", "").strip();
      try {
        return Double.valueOf(value);
      } catch (NumberFormatException e) {
        throw new PlanFormatException("line " + number + ": unreadable time: " + text);
      }
    }
  }
}
