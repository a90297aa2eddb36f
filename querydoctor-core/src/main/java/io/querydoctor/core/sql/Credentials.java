package io.querydoctor.core.sql;

import java.util.regex.Pattern;

/**
 * Removes credentials from text a report shows: the user-info of URLs ({@code postgresql://bob:secret@host}) and
 * {@code password=…} / {@code pwd=…} settings (URL parameters, libpq connection strings, JDBC properties).
 * Applied to every report whatever {@code --show-literals} says: passwords never appear.
 */
public final class Credentials {

  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s?#]+@");
  private static final Pattern PASSWORD = Pattern.compile("(?i)\\b(\\w*?(?:password|passwd|pwd))(\\s*[=:]\\s*)('[^']*'|\"[^\"]*\"|[^\\s&;,)]+)");

  private Credentials() {}

  /** {@code text} without URL user-info and with password values replaced by {@code ***}; null stays null. */
  public static String strip(String text) {
    if (text == null) {
      return null;
    }
    String withoutUser = USER_INFO.matcher(text).replaceAll("");
    return PASSWORD.matcher(withoutUser).replaceAll("$1$2***");
  }
}
