package io.querydoctor.core.capture;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers capture events to every listener, each in its own guard: a listener that throws is logged (the
 * first failure with its stack trace, later ones counted) and skipped, and the others still run. Nothing
 * thrown by a listener leaves the pipeline, except a {@link VirtualMachineError}, which no code can handle.
 */
final class ListenerPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerPipeline.class);

  // Copy-on-write array: read on every statement, written only when a listener is added.
  private volatile CaptureListener[] listeners = new CaptureListener[0];
  private final AtomicLong failures = new AtomicLong();

  synchronized void add(CaptureListener listener) {
    CaptureListener[] more = java.util.Arrays.copyOf(listeners, listeners.length + 1);
    more[listeners.length] = listener;
    listeners = more;
  }

  void statementExecuted(StatementEvent event) {
    for (CaptureListener listener : listeners) {
      try {
        listener.statementExecuted(event);
      } catch (Throwable t) {
        failed(listener, t);
      }
    }
  }

  void scopeClosed(ScopeRecord scope) {
    for (CaptureListener listener : listeners) {
      try {
        listener.scopeClosed(scope);
      } catch (Throwable t) {
        failed(listener, t);
      }
    }
  }

  void sessionClosed() {
    for (CaptureListener listener : listeners) {
      try {
        listener.sessionClosed();
      } catch (Throwable t) {
        failed(listener, t);
      }
    }
  }

  /** Listener failures since the session started. */
  long failures() {
    return failures.get();
  }

  private void failed(CaptureListener listener, Throwable t) {
    if (t instanceof VirtualMachineError error) {
      throw error;
    }
    long count = failures.incrementAndGet();
    if (count == 1) {
      LOG.warn("QueryDoctor capture listener {} failed; it is skipped for this event and the application "
          + "is not affected", listener.getClass().getName(), t);
    } else if (Long.bitCount(count) == 1) {
      LOG.warn("QueryDoctor capture listeners have failed {} times; latest: {}: {}", count,
          listener.getClass().getName(), String.valueOf(t));
    }
  }
}
