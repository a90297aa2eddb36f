package io.querydoctor.core.digest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a log file for reading; gzip-compressed files (rotated logs) are recognised by their magic bytes. */
public final class LogInput {

  private static final int BUFFER_BYTES = 1 << 16;

  private LogInput() {}

  /** The file's bytes, decompressed when it is gzip, whatever its name. */
  public static InputStream open(Path file) throws IOException {
    return decompressed(Files.newInputStream(file));
  }

  /**
   * The file's bytes like {@link #open(Path)}, a gzip file's ending at damage (a truncated file) instead of
   * failing, with the damage recorded in {@code damage}.
   */
  public static InputStream open(Path file, GzipDamage damage) throws IOException {
    return decompressed(Files.newInputStream(file), damage);
  }

  /** {@code in} itself, or a decompressing view of it when it starts with the gzip magic bytes. */
  public static InputStream decompressed(InputStream in) throws IOException {
    return decompressed(in, null);
  }

  /**
   * Like {@link #decompressed(InputStream)}; with a {@code damage}, a gzip stream that cannot be decompressed to
   * its end ends where it breaks, and {@code damage} says where and why.
   */
  public static InputStream decompressed(InputStream in, GzipDamage damage) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    if (first == 0x1f && second == 0x8b) {
      if (damage == null) {
        return new GZIPInputStream(buffered, BUFFER_BYTES);
      }
      try {
        return damage.tolerant(new GZIPInputStream(buffered, BUFFER_BYTES));
      } catch (IOException e) {
        damage.at(e);
        return InputStream.nullInputStream();
      }
    }
    return buffered;
  }
}
