package io.querydoctor.iceberg.history;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a query-history record, by the names docs/iceberg.md lists: the runbook's own metric names
 * ({@code query_text}, {@code duration_ms}, {@code start_time}, {@code files_scanned}, {@code bytes_scanned},
 * runbook 001 lines 165-179) and shorter aliases ({@code sql}, {@code latency_ms}, {@code timestamp}).
 */
final class HistoryFields {

  static final List<String> SQL = List.of("sql", "query_text", "query");
  static final List<String> LATENCY = List.of("latency_ms", "duration_ms", "latency");
  static final List<String> TIME = List.of("timestamp", "start_time", "time");
  static final List<String> FILES = List.of("files_scanned");
  static final List<String> BYTES = List.of("bytes_scanned");

  private HistoryFields() {}

  /** Builds an entry from one record's fields (names lower case); {@code where} names the file and line. */
  static HistoryEntry entry(Map<String, String> fields, String where) {
    String sql = first(fields, SQL);
    if (sql == null || sql.isBlank()) {
      throw new HistoryFormatException(where + ": no SQL (expected a field sql or query_text)");
    }
    String latency = first(fields, LATENCY);
    if (latency == null || latency.isBlank()) {
      throw new HistoryFormatException(where + ": no latency (expected a field latency_ms or duration_ms)");
    }
    return new HistoryEntry(time(first(fields, TIME), where), number(latency, "latency", where), sql,
        (long) optionalNumber(first(fields, FILES), where), (long) optionalNumber(first(fields, BYTES), where));
  }

  static boolean hasSql(java.util.Collection<String> names) {
    return names.stream().anyMatch(n -> SQL.contains(n.toLowerCase(Locale.ROOT)));
  }

  private static String first(Map<String, String> fields, List<String> names) {
    for (String name : names) {
      String value = fields.get(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static double number(String text, String what, String where) {
    try {
      double value = Double.parseDouble(text.trim());
      if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new HistoryFormatException(where + ": " + what + " '" + text + "' is not a number of milliseconds >= 0");
    }
  }

  private static double optionalNumber(String text, String where) {
    return text == null || text.isBlank() ? -1 : number(text, "count", where);
  }

  /** ISO-8601 instants ({@code 2024-01-15T10:00:00Z}) or epoch milliseconds (the runbook's {@code Date.now()}). */
  private static Instant time(String text, String where) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.trim();
    try {
      return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value))
          : Instant.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new HistoryFormatException(where + ": timestamp '" + value + "' is neither ISO-8601 "
          + "(2024-01-15T10:00:00Z) nor epoch milliseconds");
    }
  }
}
