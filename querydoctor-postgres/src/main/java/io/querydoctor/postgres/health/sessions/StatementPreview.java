package io.querydoctor.postgres.health.sessions;

import java.util.regex.Pattern;

/**
 * A session's statement as reports may show it: literals replaced by {@code ?} (reports are private by
 * default; a WHERE clause often holds an e-mail or a token) and cut to a readable length.
 */
final class StatementPreview {

  private static final int MAX_LENGTH = 200;
  private static final Pattern STRING = Pattern.compile("(?:[EeBbXxNn])?'(?:[^']|'')*'");
  private static final Pattern DOLLAR = Pattern.compile("\\$([A-Za-z_]*)\\$.*?\\$\\1\\$", Pattern.DOTALL);
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?\\b");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private StatementPreview() {}

  static String of(String statement) {
    if (statement == null || statement.isBlank()) {
      return "(none)";
    }
    String text = DOLLAR.matcher(statement).replaceAll("?");
    text = STRING.matcher(text).replaceAll("?");
    text = NUMBER.matcher(text).replaceAll("?");
    text = SPACE.matcher(text).replaceAll(" ").strip();
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
  }
}
