package io.querydoctor.core.digest;

/**
 * Byte-level scanning of log lines: prefix tests, searches and number parsing without decoding, for the
 * parts of a line a reader only inspects. All ranges are {@code [from, to)}.
 */
public final class LineBytes {

  private LineBytes() {}

  /** True if {@code bytes[from..to)} starts with the ASCII {@code prefix}. */
  public static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
    if (to - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Index of the first occurrence of {@code needle} in {@code bytes[from..to)}, or -1. */
  public static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
    if (needle.length == 0) {
      return from;
    }
    byte first = needle[0];
    int last = to - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (bytes[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Index of the first {@code b} in {@code bytes[from..to)}, or -1. */
  public static int indexOf(byte[] bytes, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first byte at or after {@code from} that is not a space or tab. */
  public static int skipBlanks(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to && (bytes[i] == ' ' || bytes[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** Index just after the unsigned decimal number ({@code 12}, {@code 0.5}, {@code 1e3}) at {@code from}. */
  public static int endOfNumber(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      byte b = bytes[i];
      if ((b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || ((b == '-' || b == '+') && i > from
          && (bytes[i - 1] == 'e' || bytes[i - 1] == 'E'))) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  /**
   * The unsigned decimal in {@code bytes[from..to)}, or NaN when it is not one. Plain digits with an optional
   * fraction are parsed here (the common case); anything else goes through {@link Double#parseDouble}.
   */
  public static double parseDecimal(byte[] bytes, int from, int to) {
    if (from >= to) {
      return Double.NaN;
    }
    long whole = 0;
    int i = from;
    while (i < to && bytes[i] >= '0' && bytes[i] <= '9' && i - from < 15) {
      whole = whole * 10 + (bytes[i] - '0');
      i++;
    }
    if (i == to) {
      return whole;
    }
    if (bytes[i] == '.' && i > from) {
      long fraction = 0;
      long scale = 1;
      int j = i + 1;
      while (j < to && bytes[j] >= '0' && bytes[j] <= '9' && j - i <= 15) {
        fraction = fraction * 10 + (bytes[j] - '0');
        scale *= 10;
        j++;
      }
      // One division of two exact integers is correctly rounded: the same double as Double.parseDouble.
      if (j == to && j - from <= 15) {
        return (double) (whole * scale + fraction) / scale;
      }
    }
    try {
      return Double.parseDouble(new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The ASCII bytes of {@code text}, for constant prefixes. */
  public static byte[] ascii(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
