package io.querydoctor.core.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes capture events to a JSON-lines file ({@link CaptureLines} describes the format) from a daemon thread,
 * so the application thread only offers the event to a bounded queue. When the queue is full, or the file
 * cannot be opened or written, events are dropped and counted — the application never waits and never sees
 * an error; the first failure is logged.
 */
final class CaptureFileWriter implements CaptureListener {

  private static final Logger LOG = LoggerFactory.getLogger(CaptureFileWriter.class);
  private static final Object END = new Object();

  private final Path path;
  private final CaptureLines lines;
  private final BlockingQueue<Object> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean failed;
  private volatile boolean closed;

  private CaptureFileWriter(Path path, boolean literals, int capacity, Writer writer) {
    this.path = path;
    this.lines = new CaptureLines(new ObjectMapper(), literals);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.failed = writer == null;
    this.thread = writer == null ? null : new Thread(() -> drain(writer), "querydoctor-capture-file");
    if (thread != null) {
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Opens (truncates) {@code path}; on failure returns a writer that drops everything. Never throws. */
  static CaptureFileWriter open(Path path, boolean literals, int capacity) {
    Writer writer = null;
    try {
      writer = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException | RuntimeException e) {
      LOG.warn("QueryDoctor cannot open the capture file {}: {}; capture continues without it", path,
          String.valueOf(e));
    }
    return new CaptureFileWriter(path, literals, capacity, writer);
  }

  @Override
  public void statementExecuted(StatementEvent event) {
    offer(event);
  }

  @Override
  public void scopeClosed(ScopeRecord scope) {
    offer(scope);
  }

  private void offer(Object event) {
    if (failed || closed || !queue.offer(event)) {
      dropped.incrementAndGet();
    }
  }

  long dropped() {
    return dropped.get();
  }

  private void drain(Writer writer) {
    try (writer) {
      while (true) {
        Object next = queue.poll(200, TimeUnit.MILLISECONDS);
        if (next == null) {
          writer.flush();
          continue;
        }
        if (next == END) {
          writer.flush();
          return;
        }
        writer.write(next instanceof ScopeRecord scope ? lines.scope(scope) : lines.statement((StatementEvent) next));
        writer.write('\n');
      }
    } catch (IOException | RuntimeException e) {
      failed = true;
      dropped.addAndGet(queue.size() + 1);
      queue.clear();
      LOG.warn("QueryDoctor stopped writing the capture file {}: {}; capture continues without it", path,
          String.valueOf(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes what is queued and closes the file (waits up to 10 s); later events are dropped and counted. */
  @Override
  public void sessionClosed() {
    closed = true;
    if (thread == null) {
      return;
    }
    try {
      if (!failed) {
        queue.put(END);
      }
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
