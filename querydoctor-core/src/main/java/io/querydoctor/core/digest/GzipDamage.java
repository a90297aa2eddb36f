package io.querydoctor.core.digest;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where a gzip log stops being readable, so that what comes before it is still read. A rotated log copied while
 * it was being compressed, or cut off by a full disk, ends inside a deflate block, and {@code GZIPInputStream}
 * then throws ("Unexpected end of ZLIB input stream"), which used to fail the whole run and throw away every
 * readable line. Through {@link #tolerant}, the decompressed stream simply ends at the damage; the damage is
 * kept here for the parse summary. One per stream; not thread-safe.
 */
public final class GzipDamage {

  private IOException error;
  private long bytesBefore;

  /** Whether the stream ended at damage rather than at the end of the gzip data. */
  public boolean found() {
    return error != null;
  }

  /** The decompressed bytes read before the damage. */
  public long bytesBefore() {
    return bytesBefore;
  }

  /** "gzip data ends early (a truncated file)" or "gzip data damaged (invalid block type)". */
  public String what() {
    if (error instanceof EOFException) {
      return "gzip data ends early (a truncated file)";
    }
    return "gzip data damaged (" + (error.getMessage() == null ? error.getClass().getSimpleName()
        : error.getMessage()) + ")";
  }

  /** {@code gzip}, ending where it can no longer be decompressed instead of throwing. */
  InputStream tolerant(InputStream gzip) {
    return new FilterInputStream(gzip) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (error != null) {
          return -1;
        }
        try {
          int n = super.read(buffer, offset, length);
          bytesBefore += Math.max(n, 0);
          return n;
        } catch (IOException e) {
          error = e;
          return -1;
        }
      }
    };
  }

  /** Damage found before any data: a gzip header cut short. */
  void at(IOException e) {
    error = e;
  }
}
