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
 * @param files what happened to whole files, one line each ("FILE: empty, skipped", "FILE: gzip data ends early
 *     …"), in file order; empty when every file was read to its end
 */
public record ParseSummary(
    long linesRead, long statements, long skipped, Map<String, Long> byReason, List<Long> firstLines,
    long outsideWindow,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    List<String> files) {

  public static final ParseSummary EMPTY = new ParseSummary(0, 0, 0, Map.of(), List.of());

  public ParseSummary {
    byReason = new TreeMap<>(byReason == null ? Map.of() : byReason);
    firstLines = firstLines == null ? List.of() : List.copyOf(firstLines);
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** A summary of files all read to their end. */
  public ParseSummary(long linesRead, long statements, long skipped, Map<String, Long> byReason,
      List<Long> firstLines, long outsideWindow) {
    this(linesRead, statements, skipped, byReason, firstLines, outsideWindow, List.of());
  }

  /** This summary with one more note about a whole file. */
  public ParseSummary withFile(String note) {
    List<String> notes = new ArrayList<>(files);
    notes.add(note);
    return new ParseSummary(linesRead, statements, skipped, byReason, firstLines, outsideWindow, notes);
  }

  /** A summary without a time window. */
  public ParseSummary(long linesRead, long statements, long skipped, Map<String, Long> byReason,
      List<Long> firstLines) {
    this(linesRead, statements, skipped, byReason, firstLines, 0);
  }

  /** This summary with {@code count} more statements outside the time window. */
  public ParseSummary outside(long count) {
    return count == 0 ? this
        : new ParseSummary(linesRead, statements, skipped, byReason, firstLines, outsideWindow + count, files);
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
    List<String> notes = new ArrayList<>(files);
    notes.addAll(other.files);
    return new ParseSummary(linesRead + other.linesRead, statements + other.statements, skipped + other.skipped,
        reasons, lines, outsideWindow + other.outsideWindow, notes);
  }

  /** This summary with its line numbers moved by {@code lines} (a later part of a file read on its own). */
  public ParseSummary shifted(long lines) {
    return lines == 0 ? this : new ParseSummary(linesRead, statements, skipped, byReason,
        firstLines.stream().map(line -> line + lines).toList(), outsideWindow, files);
  }

  /**
   * One line for a person: "3 skipped (2 non-UTF-8 bytes, 1 truncated entry), first at lines 4, 17", then what
   * happened to whole files.
   */
  public String describe() {
    return files.isEmpty() ? describeLines() : describeLines() + "; " + String.join("; ", files);
  }

  private String describeLines() {
    if (linesRead == 0 && skipped == 0 && files.isEmpty()) {
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
