package io.querydoctor.core.detect;

import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.sql.Fingerprint;

/**
 * How many keys one read carries: a batch fetch ({@code IN (?, ?, …)} or {@code = ANY(?)} with an array) loads
 * the rows of k parents in one statement, the work an N+1 does in k. The length of a bound array is recorded by
 * the JDBC layer as the event's batch size; an {@code IN} list's length is counted in the statement's text.
 */
final class KeyLists {

  private KeyLists() {}

  /** Whether statements of this shape can carry a key list at all (its text has a list or an ANY). */
  static boolean keyed(Fingerprint fingerprint) {
    String text = fingerprint.normalized();
    return text.contains("(...)") || text.contains("ANY (") || text.contains("ANY(");
  }

  /** The keys {@code event} carries: the bound array's length or the longest IN list's; 1 when neither. */
  static int keys(StatementEvent event) {
    return Math.max(Math.max(1, event.batchSize()), longestInList(event.sql()));
  }

  /** Markers or literals in the longest parenthesised, comma-separated list of the text, 0 when none. */
  static int longestInList(String sql) {
    int longest = 0;
    int from = 0;
    while (true) {
      int in = indexOfIn(sql, from);
      if (in < 0) {
        return longest;
      }
      int open = sql.indexOf('(', in);
      int close = open < 0 ? -1 : sql.indexOf(')', open);
      if (close < 0) {
        return longest;
      }
      int items = 1;
      for (int i = open + 1; i < close; i++) {
        if (sql.charAt(i) == ',') {
          items++;
        }
      }
      longest = Math.max(longest, items);
      from = close;
    }
  }

  /** The next " IN " / " in(" keyword at or after {@code from}, or -1. */
  private static int indexOfIn(String sql, int from) {
    for (int i = Math.max(1, from); i + 2 < sql.length(); i++) {
      char c = sql.charAt(i);
      if ((c == 'I' || c == 'i') && (sql.charAt(i + 1) == 'N' || sql.charAt(i + 1) == 'n')
          && !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_') {
        int j = i + 2;
        while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) {
          j++;
        }
        if (j < sql.length() && sql.charAt(j) == '(') {
          return j;
        }
      }
    }
    return -1;
  }
}
