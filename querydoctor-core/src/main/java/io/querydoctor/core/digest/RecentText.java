package io.querydoctor.core.digest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes a short field of a log entry (user, host, database, a time header) that usually repeats the value of
 * the entry before: the bytes are compared with the last ones and the last {@code String} is reused when equal,
 * so a log of millions of entries from a few users decodes a few strings, not millions. Not thread-safe: one
 * per reader and field.
 */
public final class RecentText {

  private byte[] bytes = new byte[64];
  private int length = -1;
  private String text;

  /** The UTF-8 text of {@code b[from, to)}; the same instance as last time when the bytes are the same. */
  public String decode(byte[] b, int from, int to) {
    int n = to - from;
    if (n == length && Arrays.equals(bytes, 0, n, b, from, to)) {
      return text;
    }
    if (n > bytes.length) {
      bytes = new byte[Math.max(n, bytes.length * 2)];
    }
    System.arraycopy(b, from, bytes, 0, n);
    length = n;
    text = new String(b, from, n, StandardCharsets.UTF_8);
    return text;
  }
}
