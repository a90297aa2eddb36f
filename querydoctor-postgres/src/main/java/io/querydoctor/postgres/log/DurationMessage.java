package io.querydoctor.postgres.log;

import io.querydoctor.core.digest.LineBytes;

/**
 * The message of a {@code log_min_duration_statement} entry: {@code duration: 12.3 ms  statement: SQL} (simple
 * protocol) or {@code duration: 0.2 ms  execute <name>: SQL} (extended protocol; the parameters follow in a
 * {@code DETAIL} entry and do not matter to a fingerprint). The {@code parse} and {@code bind} steps of the
 * extended protocol are logged with their own durations; like pgBadger, only {@code execute} counts as a
 * call, so {@link #IGNORED} is returned for them, for auto_explain's {@code plan:} entries (the statement is
 * logged on its own too) and for a bare {@code duration:} ({@code log_duration}, no text to group by).
 *
 * @param millis the duration
 * @param sql the statement text
 */
record DurationMessage(double millis, String sql) {

  /** A duration entry that is not a call to digest. */
  static final DurationMessage IGNORED = new DurationMessage(-1, "");

  static final String PREFIX = "duration: ";

  /** {@link #sqlStart} of an entry that is not a call. */
  static final int NOT_A_CALL = -2;
  /** {@link #sqlStart} of an unreadable duration message. */
  static final int MALFORMED = -1;

  private static final byte[] MS = LineBytes.ascii(" ms");
  private static final byte[] STATEMENT = LineBytes.ascii("statement: ");
  private static final byte[] EXECUTE = LineBytes.ascii("execute ");
  private static final byte[] COLON = LineBytes.ascii(": ");
  private static final byte[][] NOT_CALLS = {LineBytes.ascii("parse "), LineBytes.ascii("bind "),
      LineBytes.ascii("plan:"), LineBytes.ascii("fastpath ")};

  /**
   * The same classification on the bytes of a message that starts with {@code duration: } (stderr logs, where
   * most duration lines are parse/bind steps that need no decoding): the index where the SQL starts,
   * {@link #NOT_A_CALL}, or {@link #MALFORMED}.
   */
  static int sqlStart(byte[] b, int from, int to) {
    int number = from + PREFIX.length();
    int end = LineBytes.endOfNumber(b, number, to);
    if (end == number || !LineBytes.startsWith(b, end, to, MS)) {
      return MALFORMED;
    }
    int rest = end + MS.length;
    while (rest < to && b[rest] == ' ') {
      rest++;
    }
    if (rest >= to) {
      return NOT_A_CALL;
    }
    if (LineBytes.startsWith(b, rest, to, STATEMENT)) {
      return rest + STATEMENT.length;
    }
    if (LineBytes.startsWith(b, rest, to, EXECUTE)) {
      int colon = LineBytes.indexOf(b, rest, to, COLON);
      return colon < 0 ? MALFORMED : colon + COLON.length;
    }
    for (byte[] notCall : NOT_CALLS) {
      if (LineBytes.startsWith(b, rest, to, notCall)) {
        return NOT_A_CALL;
      }
    }
    return MALFORMED;
  }

  private static final byte[] PLAN = LineBytes.ascii("plan:");

  /** Whether a message {@link #sqlStart} found not to be a call is auto_explain's {@code plan:} (bytes). */
  static boolean isPlan(byte[] b, int from, int to) {
    int end = to;
    while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\r')) {
      end--;
    }
    return end - from >= PLAN.length && LineBytes.startsWith(b, end - PLAN.length, end, PLAN);
  }

  /** The plan after {@code duration: … ms  plan:} in a whole message (csvlog, jsonlog), or {@code null}. */
  static String planBody(String message) {
    int unit = message.indexOf(" ms  plan:");
    if (!message.startsWith(PREFIX) || unit < 0) {
      return null;
    }
    return message.substring(unit + " ms  plan:".length());
  }

  /** The duration of a message {@link #sqlStart} accepted, in milliseconds. */
  static double millis(byte[] b, int from, int to) {
    int number = from + PREFIX.length();
    return LineBytes.parseDecimal(b, number, LineBytes.endOfNumber(b, number, to));
  }

  /** The parsed message, {@link #IGNORED}, or {@code null} when it is a malformed duration message. */
  static DurationMessage parse(String message) {
    if (!message.startsWith(PREFIX)) {
      return null;
    }
    int unit = message.indexOf(" ms", PREFIX.length());
    if (unit < 0) {
      return null;
    }
    double millis;
    try {
      millis = Double.parseDouble(message.substring(PREFIX.length(), unit));
    } catch (NumberFormatException e) {
      return null;
    }
    int rest = unit + 3;
    while (rest < message.length() && message.charAt(rest) == ' ') {
      rest++;
    }
    if (rest >= message.length()) {
      return IGNORED;
    }
    if (message.startsWith("statement: ", rest)) {
      return new DurationMessage(millis, message.substring(rest + "statement: ".length()));
    }
    if (message.startsWith("execute ", rest)) {
      int colon = message.indexOf(": ", rest);
      return colon < 0 ? null : new DurationMessage(millis, message.substring(colon + 2));
    }
    if (message.startsWith("parse ", rest) || message.startsWith("bind ", rest) || message.startsWith("plan:", rest)
        || message.startsWith("fastpath ", rest)) {
      return IGNORED;
    }
    return null;
  }
}
