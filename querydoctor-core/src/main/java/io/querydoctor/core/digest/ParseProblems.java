package io.querydoctor.core.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a log reader could not use: every skipped line or entry is counted by reason, and the first few line
 * numbers are kept so that a user can look at them. Never throws; readers report here instead of failing.
 * Not thread-safe: one per reader.
 */
public final class ParseProblems {

  /** How many line numbers are kept for the summary. */
  static final int FIRST_LINES_KEPT = 10;

  private final Map<String, Long> byReason = new TreeMap<>();
  private final List<Long> firstLines = new ArrayList<>();
  private long linesRead;
  private long statements;
  private long skipped;

  /** Counts a skipped line (or entry starting at {@code lineNumber}) with a short reason. */
  public void skip(long lineNumber, String reason) {
    skipped++;
    byReason.merge(reason, 1L, Long::sum);
    if (firstLines.size() < FIRST_LINES_KEPT) {
      firstLines.add(lineNumber);
    }
  }

  /** Records how many lines the reader has consumed so far (the last line number). */
  public void linesRead(long lines) {
    linesRead = Math.max(linesRead, lines);
  }

  /** Counts one statement handed to the digest. */
  public void statement() {
    statements++;
  }

  public long skipped() {
    return skipped;
  }

  public ParseSummary summary() {
    return new ParseSummary(linesRead, statements, skipped, Map.copyOf(byReason), List.copyOf(firstLines));
  }
}
