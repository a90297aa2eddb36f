package io.querydoctor.junit;

import io.querydoctor.core.capture.StatementEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements a session captured outside one guarded test's own scope while its body ran, tallied per
 * innermost scope (0 for none) until {@link #close()} resolves which of them lie outside every guarded test.
 * Thread-safe: statements arrive from any thread.
 */
final class TestWindow implements AutoCloseable {

  private static final int EXAMPLES = 3;
  private static final int THREADS = 5;

  private final OutOfScopeWatch watch;
  private final long testScopeId;
  private final Map<Long, Tally> byScope = new ConcurrentHashMap<>();
  private OtherThreadWork result;

  TestWindow(OutOfScopeWatch watch, long testScopeId) {
    this.watch = watch;
    this.testScopeId = testScopeId;
  }

  void saw(StatementEvent event) {
    if (event.scopeId() != testScopeId) {
      byScope.computeIfAbsent(event.scopeId(), id -> new Tally()).add(event);
    }
  }

  /** Stops noting and resolves what ran outside the test (and outside every other guarded test). */
  @Override
  public void close() {
    if (result != null) {
      return;
    }
    int statements = 0;
    Set<String> threads = new LinkedHashSet<>();
    Set<String> examples = new LinkedHashSet<>();
    for (Map.Entry<Long, Tally> entry : byScope.entrySet()) {
      if (watch.testScopeOf(entry.getKey()) != 0) {
        continue;
      }
      Tally tally = entry.getValue();
      synchronized (tally) {
        statements += tally.count;
        threads.addAll(tally.threads);
        tally.examples.stream().limit(EXAMPLES - examples.size()).forEach(examples::add);
      }
    }
    watch.closed(this);
    result = new OtherThreadWork(statements, List.copyOf(threads).subList(0, Math.min(THREADS, threads.size())),
        List.copyOf(examples));
  }

  /** What ran outside the test; call after {@link #close()}. */
  OtherThreadWork result() {
    return result;
  }

  private static final class Tally {
    int count;
    final Set<String> threads = new LinkedHashSet<>();
    final List<String> examples = new ArrayList<>();

    synchronized void add(StatementEvent event) {
      count++;
      if (threads.size() < THREADS) {
        threads.add(event.thread());
      }
      String sql = event.fingerprint().normalized();
      if (examples.size() < EXAMPLES && !examples.contains(sql)) {
        examples.add(sql);
      }
    }
  }
}
