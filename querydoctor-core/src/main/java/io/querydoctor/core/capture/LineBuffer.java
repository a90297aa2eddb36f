package io.querydoctor.core.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * Lines on their way to a channel, with an exact count of those that reached it. Design note: a write can fail
 * part-way through a buffer (a full disk takes the bytes that fit, then refuses), so "flushed" is not all or
 * nothing; the buffer remembers where each line ends and, after every write the channel accepts, counts the lines
 * that lie wholly before the channel's position. A line cut by the failure is not counted as written (the reader
 * of the file skips a truncated last line too). Used by one thread, the capture file's writer.
 */
final class LineBuffer {

  private final WritableByteChannel out;
  private final ByteBuffer bytes;
  private int[] ends = new int[256];
  private int lines;
  private long written;

  LineBuffer(WritableByteChannel out, int capacity) {
    this.out = out;
    this.bytes = ByteBuffer.allocate(capacity);
  }

  /** Adds one line (its newline included); writes the buffer first when the line does not fit. */
  void add(byte[] line) throws IOException {
    if (line.length > bytes.remaining()) {
      try {
        flush();
      } catch (IOException e) {
        lines++; // this line is lost with the buffered ones
        throw e;
      }
    }
    if (line.length > bytes.capacity()) {
      // Longer than the buffer: written on its own, as a buffer of one line.
      write(ByteBuffer.wrap(line), new int[] {line.length}, 1);
      return;
    }
    bytes.put(line);
    if (lines == ends.length) {
      ends = Arrays.copyOf(ends, lines * 2);
    }
    ends[lines++] = bytes.position();
  }

  /** Writes every buffered line; on failure the lines not wholly written stay counted in {@link #pending()}. */
  void flush() throws IOException {
    if (lines == 0) {
      return;
    }
    bytes.flip();
    write(bytes, ends, lines);
    bytes.clear();
  }

  private void write(ByteBuffer from, int[] lineEnds, int count) throws IOException {
    int done = 0;
    int pendingBefore = lines;
    boolean own = from == bytes;
    try {
      while (from.hasRemaining()) {
        out.write(from);
        int at = from.position();
        while (done < count && lineEnds[done] <= at) {
          done++;
        }
      }
    } finally {
      written += done;
      if (own) {
        lines = pendingBefore - done;
      } else if (done < count) {
        lines += count - done; // the lone long line is now pending too (it did not reach the channel)
      }
    }
  }

  /** Lines that reached the channel. */
  long written() {
    return written;
  }

  /** Lines added that have not (wholly) reached the channel: after a failure, those lost. */
  int pending() {
    return lines;
  }
}
