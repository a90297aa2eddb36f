package io.querydoctor.core.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a log as byte ranges in a reused buffer, so that readers can inspect prefixes and keywords
 * without decoding or allocating, and decode only the parts they keep.
 *
 * <p>Design note. One buffer, refilled by compacting: a line is {@code bytes()[start() .. end())} and stays
 * valid until the next call to {@link #next()}. A line longer than {@code maxLineBytes} is not buffered: it is
 * skipped up to its newline and counted in {@link ParseProblems}, so one pathological line costs neither memory
 * nor the rest of the file. {@link #pushBack()} returns the current line again from the next {@code next()},
 * which is how multi-line readers stop at the start of the following entry. A final line without a newline
 * (a truncated file) is returned like any other. Not thread-safe.
 */
public final class LineReader implements AutoCloseable {

  /** Real statements can be long (generated IN lists), but a line beyond 1 MiB is garbage or a dump. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  static final String TOO_LONG = "lines longer than 1 MiB";
  static final String NOT_UTF8 = "entries with non-UTF-8 bytes";

  private final InputStream in;
  private final ParseProblems problems;
  private final int maxLineBytes;
  private final CharsetDecoder strictUtf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private int scanFrom;
  private boolean eof;
  private int lineStart;
  private int lineEnd;
  private long lineNumber;
  private boolean repeat;

  public LineReader(InputStream in, ParseProblems problems, int maxLineBytes) {
    this.in = in;
    this.problems = problems;
    this.maxLineBytes = maxLineBytes;
  }

  public LineReader(InputStream in, ParseProblems problems) {
    this(in, problems, DEFAULT_MAX_LINE_BYTES);
  }

  /** Advances to the next line; false at the end of input. I/O errors surface as {@link UncheckedIOException}. */
  public boolean next() {
    if (repeat) {
      repeat = false;
      return true;
    }
    try {
      while (true) {
        int newline = indexOfNewline(scanFrom, limit);
        if (newline >= 0) {
          emit(newline, newline + 1);
          return true;
        }
        scanFrom = limit;
        if (limit - pos >= maxLineBytes) {
          skipLongLine();
          continue;
        }
        if (eof) {
          if (pos < limit) {
            emit(limit, limit);
            return true;
          }
          return false;
        }
        fill();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the next {@link #next()} return the current line again. */
  public void pushBack() {
    repeat = true;
  }

  public byte[] bytes() {
    return buf;
  }

  public int start() {
    return lineStart;
  }

  /** End of the line, exclusive, without the newline and a carriage return before it. */
  public int end() {
    return lineEnd;
  }

  /** 1-based number of the current line in the input. */
  public long number() {
    return lineNumber;
  }

  public ParseProblems problems() {
    return problems;
  }

  /** The current line as text, or {@code null} when it is not valid UTF-8. */
  public String text() {
    return decode(buf, lineStart, lineEnd);
  }

  /**
   * {@code bytes[from .. to)} as UTF-8 text, or {@code null} when they are not valid UTF-8. The common case
   * (valid text) costs one JDK decode; only text that decoded to replacement characters is checked strictly.
   */
  public String decode(byte[] bytes, int from, int to) {
    String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text;
    }
    try {
      return strictUtf8.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void emit(int contentEnd, int nextPos) {
    lineStart = pos;
    lineEnd = contentEnd > pos && buf[contentEnd - 1] == '\r' ? contentEnd - 1 : contentEnd;
    pos = nextPos;
    scanFrom = nextPos;
    lineNumber++;
  }

  private int indexOfNewline(int from, int to) {
    byte[] b = buf;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      scanFrom -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      byte[] bigger = new byte[Math.min(Math.max(buf.length * 2, 1), maxLineBytes + 1)];
      System.arraycopy(buf, 0, bigger, 0, limit);
      buf = bigger;
    }
    int read = in.read(buf, limit, buf.length - limit);
    if (read < 0) {
      eof = true;
    } else {
      limit += read;
    }
  }

  /** Drops the buffered start of an over-long line and everything up to its newline. */
  private void skipLongLine() throws IOException {
    lineNumber++;
    problems.skip(lineNumber, TOO_LONG);
    pos = 0;
    limit = 0;
    scanFrom = 0;
    while (!eof) {
      int read = in.read(buf, 0, buf.length);
      if (read < 0) {
        eof = true;
        return;
      }
      for (int i = 0; i < read; i++) {
        if (buf[i] == '\n') {
          pos = i + 1;
          limit = read;
          scanFrom = pos;
          return;
        }
      }
    }
  }
}
