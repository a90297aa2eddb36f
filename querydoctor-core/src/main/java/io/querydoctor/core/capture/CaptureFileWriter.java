package io.querydoctor.core.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes capture events to a JSON-lines file ({@link CaptureLines} describes the format) from a daemon thread,
 * so the application thread only offers the event to a bounded queue. When the queue is full (events, or
 * {@value #MAX_QUEUED_CHARS} characters of SQL text waiting), or the file cannot be opened or written, events
 * are dropped and counted — the application never waits and never sees an error; the first failure is logged.
 *
 * <p>The count is exact: every event offered is, once the session has closed, either a whole line in the file
 * ({@link #written()}) or counted in {@link #dropped()}, including the lines still buffered or cut off when a
 * write failed (a full disk) and events that raced with the failure or the close. A closed scope is queued
 * without its statements (they were queued one by one already), so a queued scope holds no statement list.
 */
final class CaptureFileWriter implements CaptureListener {

  private static final Logger LOG = LoggerFactory.getLogger(CaptureFileWriter.class);
  private static final Object END = new Object();
  /** SQL text the queue may hold, in characters (about 4-8 MB): a few huge statements cannot fill the heap. */
  static final long MAX_QUEUED_CHARS = 4_000_000;
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path path;
  private final CaptureLines lines;
  private final BlockingQueue<Object> queue;
  private final AtomicLong queuedChars = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile long written;
  private volatile boolean failed;
  private volatile boolean closed;
  // Set by the writer thread when it takes no more events: whatever is still queued then is lost.
  private volatile boolean finished;

  CaptureFileWriter(Path path, boolean literals, int capacity, WritableByteChannel channel) {
    this.path = path;
    this.lines = new CaptureLines(new ObjectMapper(), literals);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.failed = channel == null;
    this.finished = channel == null;
    this.thread = channel == null ? null : new Thread(() -> drain(channel), "querydoctor-capture-file");
    if (thread != null) {
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Opens (truncates) {@code path}; on failure returns a writer that drops everything. Never throws. */
  static CaptureFileWriter open(Path path, boolean literals, int capacity) {
    WritableByteChannel channel = null;
    try {
      channel = Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      LOG.warn("QueryDoctor cannot open the capture file {}: {}; capture continues without it", path,
          String.valueOf(e));
    }
    return new CaptureFileWriter(path, literals, capacity, channel);
  }

  @Override
  public void statementExecuted(StatementEvent event) {
    offer(event, event.sql() == null ? 0 : event.sql().length());
  }

  @Override
  public void scopeClosed(ScopeRecord scope) {
    offer(scope.withoutStatements(), scope.name().length() + 64L * scope.transactions().size());
  }

  private void offer(Object event, long chars) {
    if (failed || closed || queuedChars.get() + chars > MAX_QUEUED_CHARS) {
      dropped.incrementAndGet();
      return;
    }
    queuedChars.addAndGet(chars);
    if (!queue.offer(event)) {
      queuedChars.addAndGet(-chars);
      dropped.incrementAndGet();
    }
  }

  /** Events not written: refused at the queue, lost to a write failure, or left when the writer stopped. */
  long dropped() {
    long left = 0;
    if (finished) {
      for (Object event : queue) {
        left += event == END ? 0 : 1;
      }
    }
    return dropped.get() + left;
  }

  /** Events written to the file as whole lines. */
  long written() {
    return written;
  }

  private void drain(WritableByteChannel channel) {
    LineBuffer buffer = new LineBuffer(channel, BUFFER_BYTES);
    boolean ended = false;
    try {
      writeUntilEnd(buffer);
      ended = true;
      channel.close();
    } catch (IOException | RuntimeException | InterruptedException e) {
      // An interrupt comes only from the session's close, when the file stopped taking writes for too long.
      stopAfterFailure(buffer, e, ended || e instanceof InterruptedException);
      try {
        channel.close();
      } catch (IOException | RuntimeException ignored) {
        // already failed and logged
      }
    } finally {
      written = buffer.written();
      finished = true;
    }
  }

  private void writeUntilEnd(LineBuffer buffer) throws IOException, InterruptedException {
    while (true) {
      Object next = queue.poll(200, TimeUnit.MILLISECONDS);
      if (next == null) {
        buffer.flush();
      } else if (next == END) {
        buffer.flush();
        return;
      } else {
        take(next, buffer);
      }
      written = buffer.written();
    }
  }

  /** Writes one event; an event that cannot be rendered is dropped alone. */
  private void take(Object event, LineBuffer buffer) throws IOException {
    String line;
    try {
      if (event instanceof ScopeRecord scope) {
        queuedChars.addAndGet(-(scope.name().length() + 64L * scope.transactions().size()));
        line = lines.scope(scope);
      } else {
        StatementEvent statement = (StatementEvent) event;
        queuedChars.addAndGet(-(statement.sql() == null ? 0 : statement.sql().length()));
        line = lines.statement(statement);
      }
    } catch (RuntimeException e) {
      dropped.incrementAndGet();
      return;
    }
    buffer.add((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * After a failed write: the lines not wholly written are dropped, and so is every event still queued or
   * racing in until the session closes: the thread keeps taking them (unless the end was taken already or it was
   * interrupted; what is left in the queue then counts through {@link #dropped()}), so none goes uncounted.
   */
  private void stopAfterFailure(LineBuffer buffer, Exception e, boolean noMoreEvents) {
    failed = true;
    dropped.addAndGet(buffer.pending());
    LOG.warn("QueryDoctor stopped writing the capture file {}: {}; capture continues without it", path,
        String.valueOf(e));
    if (noMoreEvents) {
      return;
    }
    try {
      for (Object next = queue.take(); next != END; next = queue.take()) {
        dropped.incrementAndGet();
      }
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Writes what is queued and closes the file (waits up to 10 s, then abandons the rest, counted as dropped);
   * later events are dropped and counted.
   */
  @Override
  public void sessionClosed() {
    closed = true;
    if (thread == null) {
      return;
    }
    try {
      if (!queue.offer(END, 10, TimeUnit.SECONDS) || !join(10_000)) {
        thread.interrupt();
        join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean join(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }
}
