package io.querydoctor.postgres.log;

import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.mysql.MySqlSlowLogReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a large uncompressed PostgreSQL log into byte ranges that start at an entry, so that each core can
 * digest one. A stderr entry starts at a line that is not a tab-indented continuation, a csvlog record at a
 * line that starts like one ({@code yyyy-mm-dd hh:mm:ss…,}), a jsonlog entry at any line. A slow log entry
 * starts at its first header line ({@code # Time:} or {@code # User@Host:} after a line that is not a header);
 * its entries inherit the database ({@code use db;}, {@code Schema:}) and {@code # Time} of earlier ones, so a
 * slow log is cut only where those lines are found in the {@link #CONTEXT_BYTES} before the cut, and the part's
 * reader starts from them ({@link #contextBefore}). Gzip input cannot be entered in the middle.
 */
final class LogSlices {

  /** Below this, one core reads the file faster than two threads start up and merge. */
  static final long MIN_BYTES_TO_SPLIT = 32L << 20;

  /** How far past a cut point an entry start is searched for before giving up that cut. */
  private static final int SEARCH_BYTES = 1 << 20;

  /** How far before a slow log cut the inherited database and time lines are looked for. */
  static final int CONTEXT_BYTES = 4 << 20;

  private LogSlices() {}

  /** Start offsets of the slices of {@code file}, ascending, the first always 0. */
  static List<Long> starts(Path file, LogFormat format, long size, int parts, long minBytes) throws IOException {
    List<Long> starts = new ArrayList<>();
    starts.add(0L);
    if (parts < 2 || size < minBytes || gzip(file)) {
      return starts;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int part = 1; part < parts; part++) {
        long cut = entryStartAfter(channel, format, size * part / parts);
        if (cut > 0 && format == LogFormat.MYSQL_SLOW && contextBefore(channel, cut) == null) {
          cut = -1;
        }
        if (cut > starts.get(starts.size() - 1) && cut < size) {
          starts.add(cut);
        }
      }
    }
    return starts;
  }

  /** The bytes {@code [from, to)} of {@code file}. */
  static InputStream open(Path file, long from, long to) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(from);
    return new FilterInputStream(Channels.newInputStream(channel)) {
      private long remaining = to - from;

      @Override
      public int read() throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int b = super.read();
        remaining -= b < 0 ? 0 : 1;
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int read = super.read(buffer, offset, (int) Math.min(length, remaining));
        remaining -= Math.max(read, 0);
        return read;
      }
    };
  }

  private static long entryStartAfter(FileChannel channel, LogFormat format, long offset) throws IOException {
    ByteBuffer window = ByteBuffer.allocate(SEARCH_BYTES);
    channel.read(window, offset);
    byte[] b = window.array();
    int length = window.position();
    for (int i = 0; i < length - 1; i++) {
      if (b[i] != '\n') {
        continue;
      }
      int start = i + 1;
      boolean entry = switch (format) {
        case PG_STDERR -> b[start] != '\t';
        case PG_CSV -> PgCsvLogReader.startsRecord(b, start, Math.min(length, start + 64));
        case MYSQL_SLOW -> MySqlSlowLogReader.startsEntry(b, start, Math.min(length, start + 16))
            && !(i > 0 && lineStartsWithHash(b, i));
        default -> true;
      };
      if (entry) {
        return offset + start;
      }
    }
    return -1;
  }

  /** Whether the line that ends at the newline {@code b[newline]} starts with {@code #} (a header line). */
  private static boolean lineStartsWithHash(byte[] b, int newline) {
    int start = newline;
    while (start > 0 && b[start - 1] != '\n') {
      start--;
    }
    // The window may start mid-line: a line whose start is not in it may be a header; no cut after it.
    return start == 0 || b[start] == '#';
  }

  /**
   * The last line setting a database and the last {@code # Time:} line before {@code cut} (in that order of
   * precedence for the reader: database line first, then time), or {@code null} when no database line is
   * within {@link #CONTEXT_BYTES}: then the cut is not made.
   */
  static List<byte[]> contextBefore(FileChannel channel, long cut) throws IOException {
    long from = Math.max(0, cut - CONTEXT_BYTES);
    ByteBuffer window = ByteBuffer.allocate((int) (cut - from));
    channel.read(window, from);
    byte[] b = window.array();
    int length = window.position();
    byte[] database = null;
    byte[] time = null;
    int end = length;
    while (end > 0 && (database == null || time == null)) {
      int start = end - 1;
      while (start > 0 && b[start - 1] != '\n') {
        start--;
      }
      if (start == 0 && from > 0) {
        break;
      }
      int lineEnd = end > start && b[end - 1] == '\n' ? end - 1 : end;
      if (database == null && MySqlSlowLogReader.setsDatabase(b, start, lineEnd)) {
        database = java.util.Arrays.copyOfRange(b, start, lineEnd);
      } else if (time == null && MySqlSlowLogReader.isTimeHeader(b, start, lineEnd)) {
        time = java.util.Arrays.copyOfRange(b, start, lineEnd);
      }
      end = start;
    }
    if (database == null) {
      return null;
    }
    return time == null ? List.of(database) : List.of(database, time);
  }

  /** {@link #contextBefore(FileChannel, long)} of {@code file}. */
  static List<byte[]> contextBefore(Path file, long cut) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return contextBefore(channel, cut);
    }
  }

  private static boolean gzip(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer magic = ByteBuffer.allocate(2);
      channel.read(magic, 0);
      return magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
    }
  }
}
