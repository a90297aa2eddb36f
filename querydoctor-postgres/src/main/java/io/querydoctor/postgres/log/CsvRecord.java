package io.querydoctor.postgres.log;

import io.querydoctor.core.digest.LineReader;

/**
 * One csvlog record, assembled from as many lines as its quoted fields span, and split into fields in place.
 * Quoting is RFC 4180 as PostgreSQL writes it: a field is quoted when it may contain a comma, quote or newline,
 * and quotes inside are doubled. Not thread-safe; reused for every record.
 */
final class CsvRecord {

  /** csvlog has 23 to 26 columns depending on the server version; more would be a different format. */
  static final int MAX_FIELDS = 32;

  private byte[] bytes = new byte[8192];
  private int length;
  private final int[] starts = new int[MAX_FIELDS];
  private final int[] ends = new int[MAX_FIELDS];
  private final boolean[] quoted = new boolean[MAX_FIELDS];
  private int fields;
  private boolean open;

  void clear() {
    length = 0;
    fields = 0;
    open = false;
  }

  /** Appends a line (with a newline before it unless it is the first); returns whether a quote is still open. */
  boolean append(byte[] b, int from, int to) {
    int needed = length + (to - from) + 1;
    if (needed > bytes.length) {
      bytes = java.util.Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
    }
    if (length > 0) {
      bytes[length++] = '\n';
    }
    System.arraycopy(b, from, bytes, length, to - from);
    for (int i = from; i < to; i++) {
      if (b[i] == '"') {
        open = !open;
      }
    }
    length += to - from;
    return open;
  }

  int length() {
    return length;
  }

  /** Splits the record; false when it is not well-formed CSV or has too many fields. */
  boolean split() {
    fields = 0;
    int i = 0;
    while (true) {
      if (fields == MAX_FIELDS) {
        return false;
      }
      if (i < length && bytes[i] == '"') {
        int start = i + 1;
        int j = start;
        while (true) {
          if (j >= length) {
            return false;
          }
          if (bytes[j] == '"') {
            if (j + 1 < length && bytes[j + 1] == '"') {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        starts[fields] = start;
        ends[fields] = j;
        quoted[fields++] = true;
        i = j + 1;
      } else {
        int start = i;
        while (i < length && bytes[i] != ',') {
          i++;
        }
        starts[fields] = start;
        ends[fields] = i;
        quoted[fields++] = false;
      }
      if (i >= length) {
        return true;
      }
      if (bytes[i] != ',') {
        return false;
      }
      i++;
    }
  }

  int fields() {
    return fields;
  }

  /** Field {@code index} as text, {@code null} when empty or missing; {@code ""} marks non-UTF-8 bytes. */
  String field(int index, LineReader decoder) {
    if (index >= fields || starts[index] == ends[index]) {
      return null;
    }
    String text = decoder.decode(bytes, starts[index], ends[index]);
    if (text == null) {
      return "";
    }
    return quoted[index] && text.indexOf('"') >= 0 ? text.replace("\"\"", "\"") : text;
  }

  /** True if field {@code index} is exactly {@code ascii}. */
  boolean fieldEquals(int index, byte[] ascii) {
    return index < fields && ends[index] - starts[index] == ascii.length
        && io.querydoctor.core.digest.LineBytes.startsWith(bytes, starts[index], ends[index], ascii);
  }

  /** True if field {@code index} starts with {@code ascii}. */
  boolean fieldStartsWith(int index, byte[] ascii) {
    return index < fields && io.querydoctor.core.digest.LineBytes.startsWith(bytes, starts[index], ends[index], ascii);
  }
}
