package io.querydoctor.core.detect;

import io.querydoctor.core.sql.Fingerprint;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a statement that only takes the next value of a sequence, from its text: PostgreSQL's
 * {@code SELECT nextval('s')}, the standard {@code NEXT VALUE FOR s} (H2, HSQLDB, SQL Server, Db2, as
 * {@code SELECT}, {@code VALUES} or {@code CALL}) and Oracle's {@code SELECT s.nextval FROM dual}. ORMs issue one
 * per new entity (or per allocation block); each returns a new value, so repeats of one are never a repeated
 * query, and its cost is the round trip per id ({@code sequence-per-row}).
 */
final class SequenceCall {

  private static final Pattern NEXTVAL = Pattern.compile(
      "^\\s*(?:SELECT|VALUES|CALL)\\s+(?:nextval\\s*\\(|NEXT\\s+VALUE\\s+FOR\\s)"
          + "|^\\s*SELECT\\s+[\\w.\"]+\\.nextval\\s+FROM\\s+dual\\s*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile(
      "nextval\\s*\\(\\s*'([^']+)'|NEXT\\s+VALUE\\s+FOR\\s+([\\w.\"]+)|([\\w.\"]+)\\.nextval", Pattern.CASE_INSENSITIVE);

  private SequenceCall() {}

  /** Sequence calls are short; longer statements are not looked at. */
  private static final int MAX_LENGTH = 200;

  /**
   * Whether {@code fingerprint} is a sequence call. Asked at scope close for every shape that repeats, so it
   * allocates nothing for the usual statement: the regular expression runs only on short texts that mention
   * {@code nextval} or {@code next value}.
   */
  static boolean is(Fingerprint fingerprint) {
    String text = fingerprint.normalized();
    // Both forms have an x in some case; most statements have none, and String.indexOf(char) is a vectorised
    // intrinsic, where the case-insensitive scan below cost about 40 ns per captured statement (profiled:
    // docs/performance.md, twelfth round).
    return text.length() <= MAX_LENGTH && (text.indexOf('x') >= 0 || text.indexOf('X') >= 0)
        && (mentions(text, "nextval") || mentions(text, "next value")) && NEXTVAL.matcher(text).find();
  }

  private static boolean mentions(String text, String word) {
    for (int i = 0; i + word.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /** The sequence's name from the statement's text (it is an identifier, not a value), or null. */
  static String name(String sql) {
    Matcher m = NAME.matcher(sql);
    if (!m.find()) {
      return null;
    }
    String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    return name.toLowerCase(Locale.ROOT).equals(name) ? name : name.replace("\"", "");
  }
}
