package io.querydoctor.demo.data;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Buffers rows in PostgreSQL's COPY text format and sends them in chunks of about a megabyte. Values are
 * generated, never user input, but tabs, newlines and backslashes are still escaped.
 */
final class CopyWriter implements AutoCloseable {

  private static final int CHUNK = 1 << 20;

  private final CopyIn copy;
  private final StringBuilder buffer = new StringBuilder(CHUNK + 4096);
  private boolean firstColumn = true;
  private long rows;

  CopyWriter(CopyIn copy) {
    this.copy = copy;
  }

  CopyWriter value(long value) {
    separator();
    buffer.append(value);
    return this;
  }

  CopyWriter value(String value) {
    separator();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\t' -> buffer.append("\\t");
        case '\n' -> buffer.append("\\n");
        case '\\' -> buffer.append("\\\\");
        default -> buffer.append(c);
      }
    }
    return this;
  }

  /** A value already in COPY text form (numbers, timestamps the generator formatted). */
  CopyWriter raw(CharSequence text) {
    separator();
    buffer.append(text);
    return this;
  }

  void endRow() throws SQLException {
    buffer.append('\n');
    firstColumn = true;
    rows++;
    if (buffer.length() >= CHUNK) {
      flush();
    }
  }

  long rows() {
    return rows;
  }

  private void separator() {
    if (!firstColumn) {
      buffer.append('\t');
    }
    firstColumn = false;
  }

  private void flush() throws SQLException {
    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    buffer.setLength(0);
  }

  /** Sends what is buffered and ends the COPY; returns the server's row count. */
  long finish() throws SQLException {
    flush();
    return copy.endCopy();
  }

  @Override
  public void close() throws SQLException {
    if (copy.isActive()) {
      copy.cancelCopy();
    }
  }
}
