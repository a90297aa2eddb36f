package io.querydoctor.core.digest;

import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How reading a log went.
 *
 * @param linesRead lines consumed
 * @param statements statements that reached the digest
 * @param skipped lines or entries skipped as unusable
 * @param byReason skipped count per reason ("non-UTF-8 bytes", "line longer than 1 MiB", …)
 * @param firstLines line numbers of the first skipped lines, ascending within each input
 * @param outsideWindow well-formed statements left out because their time is before {@code --since} or not
 *     before {@code --until}; included in {@code statements}, not in the digest
 */
public record ParseSummary(
    long linesRead, long statements, long skipped, Map<String, Long> byReason, List<Long> firstLines,
    long outsideWindow) {

  public static final ParseSummary EMPTY = new ParseSummary(0, 0, 0, Map.of(), List.of());

  public ParseSummary {
    byReason = new TreeMap<>(byReason);
    firstLines = List.copyOf(firstLines);
  }

  /** A summary without a time window. */
  public ParseSummary(long linesRead, long statements, long skipped, Map<String, Long> byReason,
      List<Long> firstLines) {
    this(linesRead, statements, skipped, byReason, firstLines, 0);
  }

  /** This summary with {@code count} more statements outside the time window. */
  public ParseSummary outside(long count) {
    return count == 0 ? this
        : new ParseSummary(linesRead, statements, skipped, byReason, firstLines, outsideWindow + count);
  }

  /** Sums two summaries (several input files); keeps the first line numbers of both, up to the limit. */
  public ParseSummary plus(ParseSummary other) {
    Map<String, Long> reasons = new TreeMap<>(byReason);
    other.byReason.forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
    List<Long> lines = new ArrayList<>(firstLines);
    for (Long line : other.firstLines) {
      if (lines.size() < ParseProblems.FIRST_LINES_KEPT) {
        lines.add(line);
      }
    }
    return new ParseSummary(linesRead + other.linesRead, statements + other.statements, skipped + other.skipped,
        reasons, lines, outsideWindow + other.outsideWindow);
  }

  /** This summary with its line numbers moved by {@code lines} (a later part of a file read on its own). */
  public ParseSummary shifted(long lines) {
    return lines == 0 ? this : new ParseSummary(linesRead, statements, skipped, byReason,
        firstLines.stream().map(line -> line + lines).toList(), outsideWindow);
  }

  /** One line for a person: "3 skipped (2 non-UTF-8 bytes, 1 truncated entry), first at lines 4, 17". */
  public String describe() {
    if (linesRead == 0 && skipped == 0) {
      // pg_stat_statements and capture digests parse no log at all.
      return "not read from a log (server statistics), nothing skipped";
    }
    String window = outsideWindow == 0 ? "" : " (" + outsideWindow + " outside --since/--until, left out)";
    if (skipped == 0) {
      return Quantities.count(statements, "statement") + window + " from " + Quantities.count(linesRead, "line")
          + ", nothing skipped";
    }
    StringBuilder text = new StringBuilder();
    text.append(Quantities.count(statements, "statement")).append(window).append(" from ")
        .append(Quantities.count(linesRead, "line")).append("; ").append(skipped)
        .append(" skipped (");
    String separator = "";
    for (Map.Entry<String, Long> reason : byReason.entrySet()) {
      text.append(separator).append(reason.getValue()).append(' ').append(reason.getKey());
      separator = ", ";
    }
    text.append("), first at line");
    text.append(firstLines.size() > 1 ? "s " : " ");
    separator = "";
    for (Long line : firstLines) {
      text.append(separator).append(line);
      separator = ", ";
    }
    return text.toString();
  }
}
