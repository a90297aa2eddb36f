package io.querydoctor.postgres.log;

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
