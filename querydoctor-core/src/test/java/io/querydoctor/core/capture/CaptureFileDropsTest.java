package io.querydoctor.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querydoctor.core.sql.Fingerprint;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every capture-file event is either a whole line in the file or counted as dropped: a disk that fills part-way
 * through a buffer (regression: the lines buffered when a write failed were lost uncounted), a device that
 * refuses every write, a queue full of text.
 */
class CaptureFileDropsTest {

  private static final SqlFingerprinter PG = SqlFingerprinter.of(SqlDialect.POSTGRESQL);

  /** A disk with room for {@code room} bytes: it takes what fits, then refuses, as a full file system does. */
  private static final class FullDisk implements WritableByteChannel {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int room;

    FullDisk(int room) {
      this.room = room;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
      int fits = Math.min(src.remaining(), room - bytes.size());
      if (fits == 0) {
        throw new IOException("No space left on device");
      }
      byte[] taken = new byte[fits];
      src.get(taken);
      bytes.write(taken, 0, fits);
      return fits;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}

    synchronized long wholeLines() {
      String text = bytes.toString(StandardCharsets.UTF_8);
      return text.chars().filter(c -> c == '\n').count();
    }
  }

  private static StatementEvent statement(int i) {
    String sql = "SELECT * FROM comments WHERE post_id = " + i;
    Fingerprint fingerprint = PG.fingerprint(sql);
    return new StatementEvent(sql, fingerprint, 1, 0, i, 1000, 1, 1, true, false, -1, "main", 1, null);
  }

  private static ScopeRecord scope(List<StatementEvent> statements) {
    return new ScopeRecord(1, 0, "GET /posts", ScopeKind.EXPLICIT, "main", 0, 10, statements, statements.size(), 0,
        0, List.of());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 150, 4_000, 65_536, 65_600, 200_000, 10_000_000})
  void everyEventIsAWholeLineInTheFileOrCountedAsDropped(int room) {
    FullDisk disk = new FullDisk(room);
    CaptureFileWriter writer = new CaptureFileWriter(Path.of("full-disk"), false, 100_000, disk);
    int offered = 0;
    for (int i = 0; i < 5_000; i++) {
      writer.statementExecuted(statement(i));
      offered++;
      if (i % 100 == 99) {
        writer.scopeClosed(scope(List.of(statement(i))));
        offered++;
      }
    }
    writer.sessionClosed();

    assertThat(writer.written()).as("lines that reached the disk").isEqualTo(disk.wholeLines());
    assertThat(writer.written() + writer.dropped()).isEqualTo(offered);
    if (room < 1_000_000) {
      assertThat(writer.dropped()).isPositive();
    } else {
      assertThat(writer.dropped()).isZero();
    }
  }

  @Test
  void aDeviceThatRefusesEveryWriteDropsAndCountsEverything() throws IOException {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
    ManualTicker ticker = new ManualTicker();
    CaptureSession session = CaptureSession.start(CaptureOptions.builder().ticker(ticker).captureFile(full)
        .slowQueryLog(false).build());
    FakeConnection c = new FakeConnection(session, ticker, false);
    for (int run = 0; run < 50; run++) {
      try (Scope scope = session.scope("GET /posts")) {
        for (int i = 0; i < 20; i++) {
          c.run("SELECT * FROM comments WHERE post_id = " + i, 1);
        }
      }
    }
    session.close();

    assertThat(session.captureFileDropped()).as("1 000 statements and 50 scopes").isEqualTo(1_050);
    assertThat(session.captureFileWritten()).isZero();
  }

  @Test
  void aWrittenFileCountsNothingDropped() throws IOException {
    Path file = Files.createTempFile("capture", ".jsonl");
    try {
      ManualTicker ticker = new ManualTicker();
      CaptureSession session = CaptureSession.start(CaptureOptions.builder().ticker(ticker).captureFile(file)
          .slowQueryLog(false).build());
      FakeConnection c = new FakeConnection(session, ticker, false);
      try (Scope scope = session.scope("GET /posts")) {
        for (int i = 0; i < 20; i++) {
          c.run("SELECT * FROM comments WHERE post_id = " + i, 1);
        }
      }
      session.close();

      assertThat(session.captureFileDropped()).isZero();
      assertThat(session.captureFileWritten()).isEqualTo(21);
      assertThat(Files.readAllLines(file)).hasSize(21);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A disk that stalls at its first write until released, so events stay queued meanwhile. */
  private static final class StalledDisk implements WritableByteChannel {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public int write(ByteBuffer src) throws IOException {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      int n = src.remaining();
      src.position(src.limit());
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  @Test
  void queuedTextIsBoundedSoHugeStatementsCannotFillTheHeap() throws InterruptedException {
    StalledDisk disk = new StalledDisk();
    CaptureFileWriter writer = new CaptureFileWriter(Path.of("stalled"), true, 1_000, disk);
    writer.statementExecuted(statement(0));
    assertThat(disk.entered.await(5, TimeUnit.SECONDS)).isTrue();
    String huge = "INSERT INTO t VALUES " + "(1),".repeat(750_000) + "(1)"; // 3 000 024 characters
    StatementEvent big = new StatementEvent(huge, PG.fingerprint("INSERT INTO t VALUES (1)"), 1, 0, 0, 1, 1, 1,
        true, false, -1, "main", 0, null);
    writer.statementExecuted(big);
    writer.statementExecuted(big); // 6 000 048 characters queued would pass the 4 000 000 bound
    writer.statementExecuted(statement(1));
    disk.release.countDown();
    writer.sessionClosed();

    assertThat(writer.dropped()).isEqualTo(1);
    assertThat(writer.written()).isEqualTo(3);
  }

  @Test
  void aFullQueueDropsAndCountsTheRest() throws InterruptedException {
    StalledDisk disk = new StalledDisk();
    CaptureFileWriter writer = new CaptureFileWriter(Path.of("stalled"), false, 4, disk);
    writer.statementExecuted(statement(0));
    assertThat(disk.entered.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 10; i++) {
      writer.statementExecuted(statement(i));
    }
    disk.release.countDown();
    writer.sessionClosed();

    assertThat(writer.written()).isEqualTo(5);
    assertThat(writer.dropped()).isEqualTo(6);
  }
}
