package io.querydoctor.junit;

import io.querydoctor.core.capture.CaptureListener;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.StatementEvent;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sees the statements a session captures while guarded tests run, so that a guard can tell work that ran
 * outside the test's scope (on an executor, an {@code @Async} method, an HTTP server's thread) from work that
 * did not happen at all. One watch per session, added as a listener the first time a guarded test uses that
 * session; it costs nothing more than a volatile read per statement while no guarded test runs.
 *
 * <p>Design note: a statement carries only its innermost scope id. Whether that scope lies inside the test's
 * scope is known only from the parent ids of closed scopes, so statements are noted during the test and
 * resolved when it ends (nested scopes close before the test's own). Statements inside the scope of another
 * guarded test (tests run in parallel) are not this test's business and are skipped.
 */
final class OutOfScopeWatch implements CaptureListener {

  private static final Map<CaptureSession, OutOfScopeWatch> WATCHES = new WeakHashMap<>();

  private final CopyOnWriteArrayList<TestWindow> open = new CopyOnWriteArrayList<>();
  // Scope ids of every guarded test so far: statements under them belong to their own test.
  private final Set<Long> testScopes = ConcurrentHashMap.newKeySet();
  // Parent of each scope closed while a window was open: enough to walk a statement's scope up to a test scope.
  private final Map<Long, Long> parents = new ConcurrentHashMap<>();

  private OutOfScopeWatch() {}

  /** The watch of {@code session}, added to it as a listener on first use. */
  static OutOfScopeWatch of(CaptureSession session) {
    synchronized (WATCHES) {
      return WATCHES.computeIfAbsent(session, s -> {
        OutOfScopeWatch watch = new OutOfScopeWatch();
        s.addListener(watch);
        return watch;
      });
    }
  }

  /** Starts noting statements outside {@code testScope}; close the window after the scope. */
  TestWindow open(Scope testScope) {
    testScopes.add(testScope.id());
    TestWindow window = new TestWindow(this, testScope.id());
    open.add(window);
    return window;
  }

  void closed(TestWindow window) {
    open.remove(window);
    if (open.isEmpty()) {
      parents.clear();
    }
  }

  @Override
  public void statementExecuted(StatementEvent event) {
    for (TestWindow window : open) {
      window.saw(event);
    }
  }

  @Override
  public void scopeClosed(ScopeRecord scope) {
    if (!open.isEmpty()) {
      parents.put(scope.id(), scope.parentId());
    }
  }

  /**
   * The guarded test whose scope {@code scopeId} lies in (itself or through closed parents), or 0 when none:
   * unscoped statements and scopes of other units of work (a request scope on a server thread).
   */
  long testScopeOf(long scopeId) {
    long id = scopeId;
    for (int depth = 0; id != 0 && depth < 1_000; depth++) {
      if (testScopes.contains(id)) {
        return id;
      }
      Long parent = parents.get(id);
      if (parent == null) {
        return 0;
      }
      id = parent;
    }
    return 0;
  }
}
