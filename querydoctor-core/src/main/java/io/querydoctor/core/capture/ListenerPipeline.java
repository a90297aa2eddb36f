package io.querydoctor.core.capture;

import io.querydoctor.core.detect.DetectionEngine;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers capture events to every listener, each in its own guard: a listener that throws is logged (the
 * first failure with its stack trace, later ones counted) and skipped, and the others still run. Nothing
 * thrown by a listener leaves the pipeline, except a {@link VirtualMachineError}, which no code can handle.
 *
 * <p>The listeners every session has, the aggregate, the detectors and the slow-query log, come first and
 * are called directly: their calls are then resolved at compile time and inlined, where a call through the
 * array of listeners is a dispatch per listener per statement.
 */
final class ListenerPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerPipeline.class);

  private final WorkloadAggregate aggregate;
  private final DetectionEngine detections;
  private final SlowQueryLog slowQueryLog; // null when off
  // Copy-on-write array of the other listeners: read on every statement, written only when one is added.
  private volatile CaptureListener[] listeners = new CaptureListener[0];
  private final AtomicLong failures = new AtomicLong();

  ListenerPipeline(WorkloadAggregate aggregate, DetectionEngine detections, SlowQueryLog slowQueryLog) {
    this.aggregate = aggregate;
    this.detections = detections;
    this.slowQueryLog = slowQueryLog;
  }

  synchronized void add(CaptureListener listener) {
    CaptureListener[] more = java.util.Arrays.copyOf(listeners, listeners.length + 1);
    more[listeners.length] = listener;
    listeners = more;
  }

  /**
   * Delivers a statement; {@code aggregateNow} is false for a statement its scope keeps, which reaches the
   * aggregate with the scope's others (see {@link Scope#aggregateInto}).
   */
  void statementExecuted(StatementEvent event, boolean aggregateNow) {
    if (aggregateNow) {
      try {
        aggregate.statementExecuted(event);
      } catch (Throwable t) {
        failed(aggregate, t);
      }
    }
    try {
      detections.statementExecuted(event);
    } catch (Throwable t) {
      failed(detections, t);
    }
    if (slowQueryLog != null) {
      try {
        slowQueryLog.statementExecuted(event);
      } catch (Throwable t) {
        failed(slowQueryLog, t);
      }
    }
    for (CaptureListener listener : listeners) {
      try {
        listener.statementExecuted(event);
      } catch (Throwable t) {
        failed(listener, t);
      }
    }
  }

  void scopeClosed(ScopeRecord scope) {
    try {
      aggregate.scopeClosed(scope);
    } catch (Throwable t) {
      failed(aggregate, t);
    }
    try {
      detections.scopeClosed(scope);
    } catch (Throwable t) {
      failed(detections, t);
    }
    for (CaptureListener listener : listeners) {
      try {
        listener.scopeClosed(scope);
      } catch (Throwable t) {
        failed(listener, t);
      }
    }
  }

  void sessionClosed() {
    for (CaptureListener listener : new CaptureListener[] {aggregate, detections, slowQueryLog}) {
      if (listener == null) {
        continue;
      }
      try {
        listener.sessionClosed();
      } catch (Throwable t) {
        failed(listener, t);
      }
    }
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
