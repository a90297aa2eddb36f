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

  /** {@code in} itself, or a decompressing view of it when it starts with the gzip magic bytes. */
  public static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    if (first == 0x1f && second == 0x8b) {
      return new GZIPInputStream(buffered, BUFFER_BYTES);
    }
    return buffered;
  }
}
