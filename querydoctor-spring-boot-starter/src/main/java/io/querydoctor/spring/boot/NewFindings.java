package io.querydoctor.spring.boot;

import io.querydoctor.core.capture.CaptureListener;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.ScopeKind;
import io.querydoctor.core.finding.Finding;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Notices findings the first time they appear: when a scope closes, the session's findings for that scope's
 * name are compared with the (scope, rule, subject) keys already seen, and each new one is handed to the
 * subscribers (the log, the metrics refresh) once.
 *
 * <p>Design: the detectors aggregate per (rule, scope name, fingerprint) already; this only remembers which of
 * those keys were reported, bounded by {@code maxKeys} (beyond it new findings are not reported, so memory stays
 * bounded under an unbounded number of scope names). A check is one pass over the session's detection groups
 * and a description of the matching ones, not worth doing per request, so a scope name is checked when its first run
 * closes and then at most once per {@link #CHECK_EVERY_NANOS}: a finding that appears in a later run is reported
 * by the first run of that name to close a second or more after the last check. A finding re-fired by later
 * runs is not reported again. Stops when {@link #stop()} is called (the application context closed; a capture
 * session cannot drop a listener).
 */
final class NewFindings implements CaptureListener {

  private final CaptureSession session;
  private final int maxKeys;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final List<BiConsumer<String, Finding>> subscribers = new CopyOnWriteArrayList<>();
  private volatile boolean stopped;
  static final long CHECK_EVERY_NANOS = 1_000_000_000L;
  // Per scope name, when it may be checked next. Racy by design: two threads may both check, which is harmless.
  private final ConcurrentHashMap<String, long[]> nextCheck = new ConcurrentHashMap<>();

  NewFindings(CaptureSession session, int maxKeys) {
    this.session = session;
    this.maxKeys = maxKeys;
  }

  /** {@code subscriber} gets (scope name, finding) for every new finding. */
  void subscribe(BiConsumer<String, Finding> subscriber) {
    subscribers.add(subscriber);
  }

  void stop() {
    stopped = true;
  }

  private boolean due(String name) {
    long now = System.nanoTime();
    long[] next = nextCheck.get(name);
    if (next == null) {
      if (nextCheck.size() >= maxKeys) {
        return false;
      }
      next = nextCheck.computeIfAbsent(name, n -> new long[] {now});
    }
    if (now - next[0] < 0) {
      return false;
    }
    next[0] = now + CHECK_EVERY_NANOS;
    return true;
  }

  @Override
  public void scopeClosed(ScopeRecord scope) {
    if (stopped || scope.kind() == ScopeKind.STATEMENT || subscribers.isEmpty() || !due(scope.name())) {
      return;
    }
    for (Finding finding : session.findings(scope.name())) {
      String key = scope.name() + '\u0000' + finding.key();
      if (!seen.contains(key) && seen.size() < maxKeys && seen.add(key)) {
        subscribers.forEach(s -> s.accept(scope.name(), finding));
      }
    }
  }
}
