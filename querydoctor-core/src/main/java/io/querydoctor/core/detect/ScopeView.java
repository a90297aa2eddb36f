package io.querydoctor.core.detect;

import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.sql.Fingerprint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A closed scope as the detectors read it: its own statements and their grouping by fingerprint, computed
 * once per scope and shared by every detector (scope close runs on the application thread).
 *
 * <p>Design note. Grouping is the main cost of closing a scope, paid once per request, so it is done in
 * arrays: a scope runs a few shapes many times, so each statement's fingerprint is compared (by identity
 * first: the fingerprint cache hands out one instance per statement text) with the few shapes seen so far,
 * and only counted. The statements of a shape are gathered into a {@link FingerprintRun} only when a detector
 * asks for shapes that ran at least as often as its threshold, so the many shapes that run once cost no lists.
 * One pass at construction finds the statement maxima the per-statement rules check first, and whether all
 * statements share one shape (a scope around one loop), whose run is then the statement list itself.
 */
public final class ScopeView {

  private final ScopeRecord scope;
  private final List<StatementEvent> own;
  // Maxima over the own statements, for the gates of the per-statement rules: most scopes have no slow,
  // unbounded or deep-OFFSET statement, and are then skipped in one comparison instead of a call per statement.
  private long maxElapsedNanos = Long.MIN_VALUE;
  private long maxRows = Long.MIN_VALUE;
  private long maxOffset = Long.MIN_VALUE;
  private Fingerprint[] shapes;
  private int[] counts;
  private int[] shapeOf;
  private int shapeCount;
  private FingerprintRun[] runs;
  private List<FingerprintRun> oneShapeRuns;
  private boolean oneShape;
  // Beyond a few distinct shapes a scope (a batch job, a long test) is looked up by map, not by scanning.
  private Map<String, Integer> index;

  private static final int LINEAR_SHAPES = 16;

  private ScopeView(ScopeRecord scope, List<StatementEvent> own) {
    this.scope = scope;
    this.own = own;
  }

  public static ScopeView of(ScopeRecord scope) {
    List<StatementEvent> all = scope.statements();
    ScopeView view = new ScopeView(scope, all);
    if (!view.scan(scope.id())) {
      view = new ScopeView(scope, ownOnly(all, scope.id()));
      view.scan(scope.id());
    }
    return view;
  }

  /**
   * One pass over the statements: their maxima, and whether they all share one shape. False (and the view
   * unusable) when one of them belongs to a nested scope.
   */
  private boolean scan(long id) {
    Fingerprint first = own.isEmpty() ? null : own.get(0).fingerprint();
    boolean one = first != null;
    for (int i = 0; i < own.size(); i++) {
      StatementEvent event = own.get(i);
      if (event.scopeId() != id) {
        return false;
      }
      maxElapsedNanos = Math.max(maxElapsedNanos, event.elapsedNanos());
      maxRows = Math.max(maxRows, event.rows());
      maxOffset = Math.max(maxOffset, event.offset());
      Fingerprint fingerprint = event.fingerprint();
      one = one && (fingerprint == first || fingerprint.id().equals(first.id()));
    }
    oneShape = one;
    return true;
  }


  private static List<StatementEvent> ownOnly(List<StatementEvent> all, long id) {
    List<StatementEvent> own = new ArrayList<>();
    for (StatementEvent event : all) {
      if (event.scopeId() == id) {
        own.add(event);
      }
    }
    return own;
  }

  public ScopeRecord scope() {
    return scope;
  }

  public String name() {
    return scope.name();
  }

  public long durationNanos() {
    return scope.durationNanos();
  }

  /** Statements run while this scope was the innermost one (see {@link ScopeRecord#ownStatements()}). */
  public List<StatementEvent> ownStatements() {
    return own;
  }

  /**
   * The values of every {@link ScopeGate.Measure} for this scope, in the order the measures are declared (the
   * index is the measure's ordinal).
   */
  long[] measures() {
    return new long[] {own.size(), scope.statementCount(), maxElapsedNanos, maxRows, maxOffset,
        scope.transactions().size(), scope.connectionsOpened(), scope.droppedStatements()};
  }

  /** The groups of the own statements whose fingerprint ran at least {@code minCount} times, in order. */
  List<FingerprintRun> byFingerprint(int minCount) {
    if (shapes == null && oneShapeRuns == null) {
      group();
    }
    if (oneShapeRuns != null) {
      return own.size() >= minCount ? oneShapeRuns : List.of();
    }
    List<FingerprintRun> found = null;
    for (int s = 0; s < shapeCount; s++) {
      if (counts[s] >= minCount) {
        if (found == null) {
          found = new ArrayList<>(2);
        }
        found.add(run(s));
      }
    }
    return found == null ? List.of() : found;
  }

  private void group() {
    int n = own.size();
    if (oneShape) {
      // One shape (a scope around one loop): its run is the own statements themselves, nothing is copied.
      oneShapeRuns = List.of(new FingerprintRun(own.get(0).fingerprint().id(), own));
      return;
    }
    shapes = new Fingerprint[Math.min(n, 8)];
    counts = new int[shapes.length];
    shapeOf = new int[n];
    for (int i = 0; i < n; i++) {
      shapeOf[i] = shapeIndex(own.get(i).fingerprint());
    }
    runs = new FingerprintRun[shapeCount];
  }

  /** The index of {@code fingerprint}'s shape, added when new; the latest shapes are checked first. */
  private int shapeIndex(Fingerprint fingerprint) {
    if (index != null) {
      Integer known = index.get(fingerprint.id());
      if (known != null) {
        counts[known]++;
        return known;
      }
    } else {
      for (int s = shapeCount - 1; s >= 0; s--) {
        Fingerprint known = shapes[s];
        if (known == fingerprint || known.id().equals(fingerprint.id())) {
          counts[s]++;
          return s;
        }
      }
      if (shapeCount == LINEAR_SHAPES) {
        index = new HashMap<>();
        for (int s = 0; s < shapeCount; s++) {
          index.put(shapes[s].id(), s);
        }
      }
    }
    if (index != null) {
      index.put(fingerprint.id(), shapeCount);
    }
    if (shapeCount == shapes.length) {
      shapes = Arrays.copyOf(shapes, shapeCount * 2);
      counts = Arrays.copyOf(counts, shapeCount * 2);
    }
    shapes[shapeCount] = fingerprint;
    counts[shapeCount] = 1;
    return shapeCount++;
  }

  private FingerprintRun run(int shape) {
    FingerprintRun run = runs[shape];
    if (run == null) {
      StatementEvent[] events = new StatementEvent[counts[shape]];
      int k = 0;
      for (int i = 0; i < shapeOf.length; i++) {
        if (shapeOf[i] == shape) {
          events[k++] = own.get(i);
        }
      }
      run = new FingerprintRun(shapes[shape].id(), Arrays.asList(events));
      runs[shape] = run;
    }
    return run;
  }
}
