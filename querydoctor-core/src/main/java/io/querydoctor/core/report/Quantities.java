package io.querydoctor.core.report;

import java.util.Locale;

/** Human-readable numbers with their units, the same in every text format. */
public final class Quantities {

  private Quantities() {}

  /** Formats {@code value} in {@code unit}: {@code 1.2 s}, {@code 34 MB}, {@code 12.5 %}, {@code 1,234 rows}. */
  public static String format(double value, String unit) {
    return switch (unit) {
      case "ms" -> millis(value);
      case "bytes" -> bytes(value);
      case "ratio" -> String.format(Locale.ROOT, "%.1f %%", value * 100);
      case "percent" -> String.format(Locale.ROOT, "%.1f %%", value);
      case "s" -> millis(value * 1000);
      default -> number(value) + (unit.isEmpty() || unit.equals("count") ? "" : " " + unit);
    };
  }

  public static String millis(double ms) {
    if (ms >= 3_600_000) {
      return String.format(Locale.ROOT, "%.1f h", ms / 3_600_000);
    }
    if (ms >= 60_000) {
      return String.format(Locale.ROOT, "%.1f min", ms / 60_000);
    }
    if (ms >= 1000) {
      return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
    if (ms >= 10) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    return String.format(Locale.ROOT, "%.2f ms", ms);
  }

  public static String bytes(double bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    int i = 0;
    while (bytes >= 1024 && i < units.length - 1) {
      bytes /= 1024;
      i++;
    }
    return i == 0
        ? String.format(Locale.ROOT, "%.0f B", bytes)
        : String.format(Locale.ROOT, "%.1f %s", bytes, units[i]);
  }

  public static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) value);
    }
    return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
  }
}
