package io.querydoctor.monitor;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as written on the command line: {@code 500MB}, {@code 1GB}, {@code 2TB} (powers of 1024), {@code off}. */
public final class SizeText {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb|tb)?");

  private SizeText() {
  }

  /** Bytes; 0 for {@code off} or {@code 0}. Throws IllegalArgumentException with a one-line message otherwise. */
  public static long parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("off")) {
      return 0;
    }
    Matcher m = SIZE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 500MB, 1GB, off)");
    }
    int shift = switch (m.group(2) == null ? "b" : m.group(2)) {
      case "kb" -> 10;
      case "mb" -> 20;
      case "gb" -> 30;
      case "tb" -> 40;
      default -> 0;
    };
    long value = Long.parseLong(m.group(1));
    if (value > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("size too large: '" + text + "'");
    }
    return value << shift;
  }
}
