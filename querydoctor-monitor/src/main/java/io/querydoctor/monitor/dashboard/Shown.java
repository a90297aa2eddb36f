package io.querydoctor.monitor.dashboard;

import io.querydoctor.core.sql.Credentials;
import io.querydoctor.core.sql.LiteralRedactor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, sizes, times and texts from the store are written on pages (texts redacted as in reports). */
final class Shown {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private Shown() {}

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    if (Math.abs(value) >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String millis(double ms) {
    return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.2f ms", ms);
  }

  static String percent(double ratio) {
    return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }

  static String bytes(double bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    int unit = 0;
    while (Math.abs(bytes) >= 1024 && unit < units.length - 1) {
      bytes /= 1024;
      unit++;
    }
    return unit == 0 ? String.format(Locale.ROOT, "%.0f B", bytes) : String.format(Locale.ROOT, "%.1f %s", bytes,
        units[unit]);
  }

  static String seconds(double seconds) {
    Duration d = Duration.ofMillis((long) (seconds * 1000));
    if (d.toHours() > 0) {
      return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }

  static String time(Instant at) {
    return at == null ? "never" : TIME.format(at) + " UTC";
  }

  static String shortTime(Instant at) {
    return SHORT.format(at);
  }

  /** SQL as a page may show it: literal values and credentials out; very long texts cut. */
  static String sql(String text) {
    if (text == null) {
      return "";
    }
    String redacted = LiteralRedactor.sql(Credentials.strip(text));
    return redacted.length() > 2000 ? redacted.substring(0, 2000) + " …" : redacted;
  }

  /** A sentence from a finding or an alert: literal values and credentials out. */
  static String prose(String text) {
    return text == null ? "" : LiteralRedactor.prose(Credentials.strip(text));
  }

  /** A change as a signed percent, or "new" when there was nothing before. */
  static String change(double before, double now) {
    if (before <= 0) {
      return now > 0 ? "new" : "–";
    }
    return String.format(Locale.ROOT, "%+.0f %%", (now - before) / before * 100);
  }

  /** SVG polyline points (viewBox 100×20) for a sparkline of {@code values}. */
  static String sparkline(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      double x = values.length == 1 ? 50 : i * 100.0 / (values.length - 1);
      double y = max == 0 ? 19 : 19 - values[i] / max * 18;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    return points.toString().trim();
  }
}
