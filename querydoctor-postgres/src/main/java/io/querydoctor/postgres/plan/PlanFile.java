package io.querydoctor.postgres.plan;

import io.querydoctor.core.input.InputFile;
import io.querydoctor.core.plan.Plan;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plan file the user gives ({@code explain --plan FILE}), read within bounds: at most {@code maxBytes} (a
 * file or a device such as {@code /dev/zero} that goes on is refused once past it), UTF-8 text only (binary
 * and UTF-16 files are named as such from their first bytes), JSON streamed node by node
 * ({@link PgPlanReader#read(InputStream)}) and at most {@link PgPlanReader#MAX_PLAN_DEPTH} levels deep. Text plans
 * are read whole (they are read line by line into their tree; a 256 MB text plan is a 256 MB string). Every
 * problem is an {@link IOException} (the file) or a {@link PlanFormatException} (its content) with a one-line
 * message (naming the file when the file itself is the problem).
 */
public final class PlanFile {

  /** The default size limit: far above any real plan (10 000 nodes of EXPLAIN ANALYZE JSON are about 10 MB). */
  public static final long DEFAULT_MAX_BYTES = 256L << 20;

  private PlanFile() {}

  /** The plan in {@code file}, JSON or text format (detected). */
  public static Plan read(Path file, long maxBytes) throws IOException {
    InputFile.checkReadable(file);
    try (InputStream raw = Files.newInputStream(file);
         BufferedInputStream in = new BufferedInputStream(new Bounded(raw, maxBytes, file), InputFile.HEAD_BYTES)) {
      in.mark(InputFile.HEAD_BYTES);
      byte[] head = in.readNBytes(InputFile.HEAD_BYTES);
      in.reset();
      String problem = InputFile.textProblem(head, head.length);
      if (problem != null) {
        throw new PlanFormatException(file + " is " + problem);
      }
      skipByteOrderMark(in, head);
      if (startsWithJson(head)) {
        return new PgPlanReader().read(in);
      }
      return PgPlanFormat.detectAndRead(utf8(in.readAllBytes(), file));
    } catch (IOException e) {
      throw new IOException(InputFile.describe(file, e), e);
    }
  }

  /** "256 MB", "1.5 GB": how the limit is shown in messages. */
  public static String size(long bytes) {
    if (bytes % 1_000_000_000L == 0) {
      return bytes / 1_000_000_000L + " GB";
    }
    if (bytes % 1_000_000L == 0) {
      return bytes / 1_000_000L + " MB";
    }
    if (bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    return bytes + " bytes";
  }

  private static void skipByteOrderMark(InputStream in, byte[] head) throws IOException {
    if (head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
      in.skipNBytes(3);
    }
  }

  /** JSON when the first character after a byte-order mark and white space opens an array or object. */
  private static boolean startsWithJson(byte[] head) {
    int i = head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF ? 3 : 0;
    while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
      i++;
    }
    return i < head.length && (head[i] == '[' || head[i] == '{');
  }

  private static String utf8(byte[] bytes, Path file) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (MalformedInputException e) {
      throw new PlanFormatException(file + " is not UTF-8 text (line " + lineAt(bytes, firstBad(bytes))
          + " holds a byte sequence UTF-8 does not allow; Latin-1 or Windows-1252? convert it with iconv)");
    } catch (CharacterCodingException e) {
      throw new PlanFormatException(file + " is not UTF-8 text", e);
    }
  }

  private static int firstBad(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length);
    decoder.decode(in, out, true);
    return in.position();
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      line += bytes[i] == '\n' ? 1 : 0;
    }
    return line;
  }

  /** Refuses to read past the limit, so an endless device or a huge file never fills the heap. */
  private static final class Bounded extends FilterInputStream {
    private final long maxBytes;
    private final Path file;
    private long read;

    Bounded(InputStream in, long maxBytes, Path file) {
      super(in);
      this.maxBytes = maxBytes;
      this.file = file;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > maxBytes) {
        throw new TooLarge(file + " is larger than the limit of " + size(maxBytes) + " for a plan");
      }
    }
  }

  /** The file is past the size limit; the caller names its option to raise it. */
  public static final class TooLarge extends PlanFormatException {
    TooLarge(String message) {
      super(message);
    }
  }
}
