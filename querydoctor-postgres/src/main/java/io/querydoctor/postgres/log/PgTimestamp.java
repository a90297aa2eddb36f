package io.querydoctor.postgres.log;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * PostgreSQL's log timestamps ({@code %m}, {@code %t}, csvlog and jsonlog): {@code 2026-11-21 06:00:00[.123] UTC}.
 * Parsed from bytes; zone abbreviations resolve through {@link ZoneId#SHORT_IDS} and are cached. Not
 * thread-safe (the cache).
 */
final class PgTimestamp {

  /** Length of {@code yyyy-mm-dd hh:mm:ss}. */
  static final int DATE_TIME_LENGTH = 19;

  private final Map<String, ZoneId> zones = new HashMap<>();

  /**
   * Epoch millis of the timestamp at {@code from}, or {@link Long#MIN_VALUE} when there is none. {@code end[0]}
   * receives the index after it (after the zone, if any).
   */
  long parse(byte[] b, int from, int to, int[] end) {
    if (to - from < DATE_TIME_LENGTH || !shape(b, from)) {
      return Long.MIN_VALUE;
    }
    int i = from + DATE_TIME_LENGTH;
    int millis = 0;
    if (i < to && b[i] == '.') {
      int digits = 0;
      i++;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        if (digits < 3) {
          millis = millis * 10 + (b[i] - '0');
        }
        digits++;
        i++;
      }
      for (int d = digits; d < 3; d++) {
        millis *= 10;
      }
    }
    ZoneId zone = ZoneOffset.UTC;
    if (i + 1 < to && b[i] == ' ' && isZoneChar(b[i + 1])) {
      int zoneStart = i + 1;
      int zoneEnd = zoneStart;
      while (zoneEnd < to && isZoneChar(b[zoneEnd])) {
        zoneEnd++;
      }
      zone = zone(new String(b, zoneStart, zoneEnd - zoneStart, StandardCharsets.US_ASCII));
      i = zoneEnd;
    }
    end[0] = i;
    try {
      LocalDateTime local = LocalDateTime.of(digits(b, from, 4), digits(b, from + 5, 2), digits(b, from + 8, 2),
          digits(b, from + 11, 2), digits(b, from + 14, 2), digits(b, from + 17, 2));
      return local.atZone(zone).toInstant().toEpochMilli() + millis;
    } catch (DateTimeException e) {
      return Long.MIN_VALUE;
    }
  }

  /**
   * The index after the timestamp at {@code from} (fraction and zone included), or -1 when there is none: the
   * cheap check of every line's prefix; the value is parsed only for the entries that are kept.
   */
  int end(byte[] b, int from, int to) {
    if (to - from < DATE_TIME_LENGTH || !shape(b, from)) {
      return -1;
    }
    int i = from + DATE_TIME_LENGTH;
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
    }
    if (i + 1 < to && b[i] == ' ' && isZoneChar(b[i + 1])) {
      i++;
      while (i < to && isZoneChar(b[i])) {
        i++;
      }
    }
    return i;
  }

  /** The same for a string (csvlog, jsonlog fields). */
  long parse(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return parse(b, 0, b.length, new int[1]);
  }

  private ZoneId zone(String name) {
    return zones.computeIfAbsent(name, n -> {
      try {
        return ZoneId.of(n, ZoneId.SHORT_IDS);
      } catch (DateTimeException e) {
        return ZoneOffset.UTC;
      }
    });
  }

  private static boolean shape(byte[] b, int i) {
    return b[i + 4] == '-' && b[i + 7] == '-' && b[i + 10] == ' ' && b[i + 13] == ':' && b[i + 16] == ':'
        && digit(b[i]) && digit(b[i + 1]) && digit(b[i + 2]) && digit(b[i + 3]) && digit(b[i + 5])
        && digit(b[i + 8]) && digit(b[i + 11]) && digit(b[i + 14]) && digit(b[i + 17]);
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isZoneChar(byte c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || digit(c) || c == '+' || c == '-' || c == ':'
        || c == '/' || c == '_';
  }

  private static int digits(byte[] b, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = value * 10 + (b[i] - '0');
    }
    return value;
  }
}
