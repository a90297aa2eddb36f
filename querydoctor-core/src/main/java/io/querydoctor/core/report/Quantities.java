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

  /**
   * {@code n} and the noun, singular for one: {@code 1 call}, {@code 2 calls}, {@code 1,204 supporting findings}.
   * The noun is given in the singular; nouns ending in s, x or y take es / ies ({@code 2 indexes}, {@code 3 queries}).
   */
  public static String count(double n, String noun) {
    return number(n) + " " + (n == 1 ? noun : plural(noun));
  }

  static String plural(String noun) {
    int space = noun.indexOf(' ');
    if (space > 0) {
      // "supporting finding about …": the first word that is a noun is the last one before a preposition; keep
      // it simple and pluralise the last word of a two-word noun ("supporting finding").
      return noun.substring(0, space + 1) + plural(noun.substring(space + 1));
    }
    if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) {
      return noun + "es";
    }
    if (noun.endsWith("y") && noun.length() > 1 && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
      return noun.substring(0, noun.length() - 1) + "ies";
    }
    return noun + "s";
  }
}
