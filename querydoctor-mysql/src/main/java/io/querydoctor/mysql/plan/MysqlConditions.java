package io.querydoctor.mysql.plan;

import java.util.regex.Pattern;

/**
 * Puts the conditions MySQL and MariaDB print into the shape core's predicate reader understands: no backticks, no
 * database qualifier ({@code `shop`.`o`.`status`} becomes {@code o.status}), keywords as printed. MySQL prints
 * {@code (`db`.`t`.`c` = 5)}, MariaDB {@code t.c = 5} or {@code t.`c` = 5}, the tree format {@code (t.c = 5)}.
 */
final class MysqlConditions {

  private static final Pattern THREE_PART = Pattern.compile("`[^`]+`\\.(`[^`]+`\\.`[^`]+`)");
  private static final Pattern BACKTICK = Pattern.compile("`([^`]*)`");

  private MysqlConditions() {}

  /** The condition without database qualifiers and backticks; null stays null. */
  static String normalize(String condition) {
    if (condition == null || condition.isBlank()) {
      return null;
    }
    String text = THREE_PART.matcher(condition.strip()).replaceAll("$1");
    return BACKTICK.matcher(text).replaceAll("$1");
  }
}
