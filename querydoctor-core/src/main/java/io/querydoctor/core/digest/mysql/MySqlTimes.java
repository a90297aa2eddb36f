package io.querydoctor.core.digest.mysql;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The {@code # Time:} header of a slow log in its two spellings. */
final class MySqlTimes {

  private MySqlTimes() {}

  /**
   * {@code 2026-11-21T06:00:00.123456Z} (MySQL 5.7+, with an offset or Z) or {@code 261121  6:00:00}
   * (MySQL 5.6, MariaDB; server local time, taken as UTC). {@code null} when neither.
   */
  static Instant parse(byte[] b, int from, int to) {
    return parse(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
  }

  /** {@link #parse(byte[], int, int)} of the header's text. */
  static Instant parse(String header) {
    String text = header.strip();
    try {
      if (text.indexOf('T') == 10) {
        int n = text.length();
        boolean offset = n > 6 && (text.charAt(n - 6) == '+' || text.charAt(n - 6) == '-') && text.charAt(n - 3) == ':';
        if (text.endsWith("Z") || offset) {
          return OffsetDateTime.parse(text).toInstant();
        }
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      }
      int blank = text.indexOf(' ');
      String[] parts = blank < 0 ? new String[] {text} : new String[] {text.substring(0, blank),
          text.substring(blank).strip()};
      if (parts.length == 2 && parts[0].length() == 6) {
        String[] hms = parts[1].split(":");
        if (hms.length == 3) {
          return LocalDateTime.of(2000 + Integer.parseInt(parts[0].substring(0, 2)),
              Integer.parseInt(parts[0].substring(2, 4)), Integer.parseInt(parts[0].substring(4, 6)),
              Integer.parseInt(hms[0]), Integer.parseInt(hms[1]), Integer.parseInt(hms[2]))
              .toInstant(ZoneOffset.UTC);
        }
      }
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return null;
    }
    return null;
  }
}
