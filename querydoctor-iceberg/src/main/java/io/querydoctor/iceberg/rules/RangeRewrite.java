package io.querydoctor.iceberg.rules;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a time filter that wraps its column in a function into a range on the bare column, the runbook's
 * "query rewriting" (runbook 001 lines 111-126): {@code date_format(ts, 'yyyy-MM-dd') = '2024-01-15'} becomes
 * {@code ts >= '2024-01-15' AND ts < '2024-01-16'}. Handles {@code date_format} with a day, month or year
 * pattern, and {@code to_date(ts)}, {@code date(ts)}, {@code CAST(ts AS DATE)}, {@code date_trunc('day', ts)}
 * compared with a date. Anything else is left alone ({@link Optional#empty()}).
 */
final class RangeRewrite {

  private static final String VALUE = "\\s*=\\s*(?:DATE\\s+|TIMESTAMP\\s+)?'([^']*)'";
  private static final Pattern DATE_FORMAT = Pattern.compile(
      "date_format\\s*\\(\\s*([\\w.`\"]+)\\s*,\\s*'([^']*)'\\s*\\)" + VALUE, Pattern.CASE_INSENSITIVE);
  private static final Pattern TO_DAY = Pattern.compile(
      "(?:to_date|date)\\s*\\(\\s*([\\w.`\"]+)\\s*\\)" + VALUE + "|cast\\s*\\(\\s*([\\w.`\"]+)\\s+as\\s+date\\s*\\)"
          + VALUE + "|date_trunc\\s*\\(\\s*'day'\\s*,\\s*([\\w.`\"]+)\\s*\\)" + VALUE, Pattern.CASE_INSENSITIVE);

  private RangeRewrite() {}

  /** {@code sql} with its first rewritable wrapped time filter replaced by a range, or empty. */
  static Optional<String> rewrite(String sql) {
    Matcher format = DATE_FORMAT.matcher(sql);
    if (format.find()) {
      Optional<String> range = range(format.group(1), format.group(2), format.group(3));
      if (range.isPresent()) {
        return Optional.of(sql.substring(0, format.start()) + range.get() + sql.substring(format.end()));
      }
    }
    Matcher day = TO_DAY.matcher(sql);
    if (day.find()) {
      for (int g = 1; g <= 5; g += 2) {
        if (day.group(g) != null) {
          Optional<String> range = range(day.group(g), "yyyy-MM-dd", day.group(g + 1));
          if (range.isPresent()) {
            return Optional.of(sql.substring(0, day.start()) + range.get() + sql.substring(day.end()));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> range(String column, String pattern, String value) {
    try {
      return switch (pattern) {
        case "yyyy-MM-dd" -> {
          LocalDate start = LocalDate.parse(value);
          yield Optional.of(between(column, start.toString(), start.plusDays(1).toString()));
        }
        case "yyyy-MM" -> {
          LocalDate start = LocalDate.parse(value + "-01");
          yield Optional.of(between(column, start.toString(), start.plusMonths(1).toString()));
        }
        case "yyyy" -> {
          LocalDate start = LocalDate.parse(value + "-01-01");
          yield Optional.of(between(column, start.toString(), start.plusYears(1).toString()));
        }
        default -> Optional.empty();
      };
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String between(String column, String from, String to) {
    return column + " >= '" + from + "' AND " + column + " < '" + to + "'";
  }
}
