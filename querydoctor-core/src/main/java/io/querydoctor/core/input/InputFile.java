package io.querydoctor.core.input;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What is wrong with a file the user gave (a log, a plan), in words: missing, unreadable, a directory, or not
 * UTF-8 text at all (binary, UTF-16). The JDK's own messages name the path but not the problem ("Input length =
 * 1" for a UTF-16 file), and a {@code stat} that fails for lack of permission on a parent directory looks like a
 * missing file to {@link Files#exists}; the exception's type says which it was, so this class asks for it.
 */
public final class InputFile {

  /** Bytes looked at to tell text from binary: a log's or a plan's first lines. */
  public static final int HEAD_BYTES = 1 << 16;

  private InputFile() {}

  /**
   * Checks that {@code file} can be opened for reading as a file: not missing, not a directory, not behind a
   * directory we may not enter. Devices and pipes ({@code /dev/stdin}, {@code <(zcat plan.gz)}) pass.
   *
   * @throws IOException whose message says what is wrong, in one line, naming the file
   */
  public static void checkReadable(Path file) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new IOException(describe(file, e), e);
    }
    if (attributes.isDirectory()) {
      throw new IOException("cannot read " + file + ": it is a directory");
    }
    if (!Files.isReadable(file)) {
      throw new IOException("cannot read " + file + ": permission denied");
    }
  }

  /** "cannot read FILE: REASON" for an exception raised while opening or reading {@code file}. */
  public static String describe(Path file, IOException e) {
    return "cannot read " + file + ": " + reason(e);
  }

  /** The reason alone, in words. */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied (on the file or a directory above it)";
    }
    if (e instanceof NotDirectoryException
        || e instanceof FileSystemException fs && "Not a directory".equals(fs.getReason())) {
      return "a part of the path above it is not a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * What keeps the first {@code length} bytes of a file from being UTF-8 text, or {@code null} when nothing
   * does: UTF-16 (a byte-order mark, or every other byte zero as in ASCII written as UTF-16) or binary data (a
   * NUL byte, which no text log or plan holds). Invalid UTF-8 further on is left to the reader, which knows the
   * line.
   */
  public static String textProblem(byte[] head, int length) {
    if (length >= 2 && (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE || head[0] == (byte) 0xFE
        && head[1] == (byte) 0xFF)) {
      return "UTF-16 text, not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)";
    }
    int zeros = 0;
    int evenZeros = 0;
    int oddZeros = 0;
    for (int i = 0; i < length; i++) {
      if (head[i] == 0) {
        zeros++;
        if (i % 2 == 0) {
          evenZeros++;
        } else {
          oddZeros++;
        }
      }
    }
    if (zeros == 0) {
      return null;
    }
    // ASCII in UTF-16 without a mark: a zero in every other byte, always on the same side.
    int pairs = length / 2;
    if (pairs >= 4 && (oddZeros >= pairs * 9 / 10 && evenZeros == 0 || evenZeros >= pairs * 9 / 10 && oddZeros == 0)) {
      return "UTF-16 text, not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)";
    }
    return "not a text file (it holds NUL bytes: binary data, or compressed in a format other than gzip?)";
  }
}
