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

  static boolean is(Fingerprint fingerprint) {
    return NEXTVAL.matcher(fingerprint.normalized()).find();
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
