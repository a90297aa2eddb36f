package io.querydoctor.core.detect;

import io.querydoctor.core.capture.CaptureListener;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.digest.StatementTables;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.core.sql.StatementShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the detectors on every closed scope (and the per-statement ones on statements outside scopes) and
 * aggregates their detections per (rule, scope name, fingerprint), so that a loop that runs in every request
 * yields one finding with totals, not one per request.
 *
 * <p>Bounded: at most {@code maxGroups} aggregation groups and as many distinct scope names; detections for
 * new groups beyond that are counted in {@link #droppedDetections()} and otherwise ignored.
 */
public final class DetectionEngine implements CaptureListener {

  private static final Logger LOG = LoggerFactory.getLogger(DetectionEngine.class);
  private static final String NO_SCOPE = "(no scope)";

  private final Detector[] detectors;
  // Each detector's gate, read once, as two arrays: checking a gate is then two array reads and a comparison
  // where a gate object cost a chain of dependent loads (array, record, enum, switch table), and the objects a
  // scope close touches have mostly left the cache after the statements ran on a real database.
  private final int[] gateMeasures;
  private final long[] gateMins;
  // Only the detectors with a per-statement rule: a statement outside any scope is offered to these alone,
  // not through a no-op interface call for every detector.
  private final Detector[] statementDetectors;
  private final Map<String, Detector> byRule = new ConcurrentHashMap<>();
  private final int maxGroups;
  private final ConcurrentHashMap<GroupKey, DetectionGroup> groups = new ConcurrentHashMap<>();
  // A loop that runs in every request is detected again at every close, with equal rule, scope name and
  // fingerprint: a small direct-mapped table of recent groups finds its group without building a key.
  // Racy by design: a slot is an immutable record, and a slot lost to another thread only costs a map lookup.
  private final RecentGroup[] recent = new RecentGroup[64];
  private final ConcurrentHashMap<String, LongAdder> runs = new ConcurrentHashMap<>();
  // The counter of the scope name closed last: the requests of one endpoint close one after another and find it
  // here, not through the map. Racy by design, like recent.
  private RecentRuns lastRuns;
  private final AtomicLong dropped = new AtomicLong();
  private final Consumer<Detection> sink = this::add;
  // The span of captured time, for per-hour impact. Approximate under races by design: it is updated from
  // every thread and must cost no contended write per statement, so the end moves only in steps of
  // OBSERVE_STEP_NANOS (a volatile write per statement cost more than all per-statement rules together).
  private static final long OBSERVE_STEP_NANOS = 1_000_000L;
  private volatile long firstNanos = Long.MAX_VALUE;
  private volatile long lastNanos = Long.MIN_VALUE;

  public DetectionEngine(DetectorThresholds thresholds, int maxFingerprints) {
    this(Detectors.all(thresholds), maxFingerprints * 4);
  }

  public DetectionEngine(List<Detector> detectors, int maxGroups) {
    this.detectors = detectors.toArray(Detector[]::new);
    ScopeGate[] gates = detectors.stream().map(DetectionEngine::gateOf).toArray(ScopeGate[]::new);
    this.gateMeasures = Arrays.stream(gates).mapToInt(gate -> gate.measure().ordinal()).toArray();
    this.gateMins = Arrays.stream(gates).mapToLong(ScopeGate::min).toArray();
    this.statementDetectors = detectors.stream().filter(DetectionEngine::examinesStatements)
        .toArray(Detector[]::new);
    this.maxGroups = maxGroups;
    for (Detector detector : detectors) {
      byRule.put(detector.ruleId(), detector);
    }
  }

  @Override
  public void statementExecuted(StatementEvent event) {
    if (event.scopeId() != 0) {
      return;
    }
    observe(event.startNanos(), event.startNanos() + event.elapsedNanos());
    for (Detector detector : statementDetectors) {
      try {
        detector.examineStatement(event, NO_SCOPE, event.elapsedNanos(), sink);
      } catch (RuntimeException e) {
        LOG.warn("QueryDoctor detector {} failed on a statement; skipped", detector.ruleId(), e);
      }
    }
  }

  @Override
  public void scopeClosed(ScopeRecord scope) {
    observe(scope.startNanos(), scope.endNanos());
    LongAdder count = runsCounter(scope.name());
    if (count != null) {
      count.increment();
    }
    Consumer<Detection> out = sink;
    ScopeView view = ScopeView.of(scope);
    long[] measures = view.measures();
    for (int i = 0; i < detectors.length; i++) {
      if (measures[gateMeasures[i]] < gateMins[i]) {
        continue;
      }
      try {
        detectors[i].examine(view, out);
      } catch (RuntimeException e) {
        LOG.warn("QueryDoctor detector {} failed on a scope; skipped", detectors[i].ruleId(), e);
      }
    }
  }

  /** The run counter of scope name {@code name}, or null when there are already too many names. */
  private LongAdder runsCounter(String name) {
    RecentRuns last = lastRuns;
    if (last != null && (last.name() == name || last.name().equals(name))) {
      return last.count();
    }
    LongAdder count = runs.get(name);
    if (count == null && runs.size() < maxGroups) {
      count = runs.computeIfAbsent(name, n -> new LongAdder());
    }
    if (count != null) {
      lastRuns = new RecentRuns(name, count);
    }
    return count;
  }

  private record RecentRuns(String name, LongAdder count) {}

  /** The detector's gate; one that cannot say (it throws, or returns null) gets every scope. */
  private static ScopeGate gateOf(Detector detector) {
    try {
      ScopeGate gate = detector.gate();
      return gate == null ? ScopeGate.ALWAYS : gate;
    } catch (RuntimeException e) {
      return ScopeGate.ALWAYS;
    }
  }

  /** Whether {@code detector} has its own per-statement rule (overrides {@link Detector#examineStatement}). */
  private static boolean examinesStatements(Detector detector) {
    try {
      return detector.getClass().getMethod("examineStatement", StatementEvent.class, String.class, long.class,
          Consumer.class).getDeclaringClass() != Detector.class;
    } catch (NoSuchMethodException | SecurityException e) {
      return true;
    }
  }

  private void observe(long start, long end) {
    if (start < firstNanos) {
      firstNanos = start;
    }
    if (end > lastNanos + OBSERVE_STEP_NANOS) {
      lastNanos = end;
    }
  }

  private void add(Detection detection) {
    int hash = (detection.ruleId().hashCode() * 31 + detection.scopeName().hashCode()) * 31
        + (detection.fingerprintId() == null ? 0 : detection.fingerprintId().hashCode());
    int slot = (hash ^ hash >>> 16) & (recent.length - 1);
    RecentGroup last = recent[slot];
    if (last != null && last.matches(detection)) {
      last.group().add(detection);
      return;
    }
    GroupKey key = new GroupKey(detection.ruleId(), detection.scopeName(), detection.fingerprintId());
    DetectionGroup group = groups.get(key);
    if (group == null) {
      if (groups.size() >= maxGroups) {
        dropped.incrementAndGet();
        return;
      }
      group = groups.computeIfAbsent(key, k -> new DetectionGroup(detection));
    }
    recent[slot] = new RecentGroup(key, group);
    group.add(detection);
  }

  /**
   * One finding per (rule, scope name, fingerprint) that crosses its threshold, by impact, highest first; a
   * {@code too-many-queries} explained by an N+1, unbatched writes or per-row sequence calls in the same scope is
   * filed under that finding as supporting evidence rather than listed on its own.
   */
  public List<Finding> findings() {
    return findings(null);
  }

  /** As {@link #findings()}, for the scopes named {@code scopeName} only ({@code null}: every scope). */
  public List<Finding> findings(String scopeName) {
    long window = Math.max(0, lastNanos - firstNanos);
    List<Finding> findings = new ArrayList<>();
    for (DetectionGroup group : groups.values()) {
      if (scopeName != null && !scopeName.equals(group.scopeName())) {
        continue;
      }
      DetectionSummary summary = group.summary(runsOf(group.scopeName()), window);
      Detector detector = byRule.get(summary.ruleId());
      Optional<Finding> finding = detector == null ? Optional.empty() : detector.describe(summary);
      finding.map(f -> f.alsoConcerning(concerns(summary)))
          .map(f -> summary.callSite() == null || f.callSite() != null ? f : f.withCallSite(summary.callSite().location()))
          .ifPresent(findings::add);
    }
    findings.sort(Comparator.comparingDouble((Finding f) -> f.impact().millisPerHour()).reversed()
        .thenComparing(Finding::severity).thenComparing(Finding::key));
    return List.copyOf(BudgetExplanation.merge(findings));
  }

  /**
   * Forgets every detection, run count and the captured time window, so findings start afresh (between tests,
   * or after a report has been taken). Scopes still open are judged when they close, as usual.
   */
  public void reset() {
    groups.clear();
    runs.clear();
    java.util.Arrays.fill(recent, null);
    lastRuns = null;
    dropped.set(0);
    firstNanos = Long.MAX_VALUE;
    lastNanos = Long.MIN_VALUE;
  }

  /**
   * What a detection is about besides its subject, for merging findings about one root cause: the unit of work,
   * and the tables its statement writes or row-locks (a slow write is often a wait on a lock someone holds).
   */
  /** Reads the shape of a redacted example; row-locking clauses are spelled alike in the dialects. */
  private static final SqlFingerprinter LOCKING = SqlFingerprinter.of(SqlDialect.POSTGRESQL);

  private static List<Subject> concerns(DetectionSummary summary) {
    List<Subject> concerns = new ArrayList<>();
    concerns.add(Subject.scope(summary.scopeName()));
    String example = summary.example() == null ? "" : summary.example();
    // Once per finding, not per statement: the example is fingerprinted again for its shape.
    StatementShape shape = LOCKING.fingerprint(example).shape();
    if (shape.locksRows()) {
      var tables = shape.kind().writes() ? StatementTables.written(example) : StatementTables.read(example);
      tables.forEach(t -> concerns.add(Subject.table(t)));
    }
    return concerns;
  }

  /** How many scopes named {@code name} have closed. */
  public long runsOf(String name) {
    LongAdder count = runs.get(name);
    return count == null ? 0 : count.sum();
  }

  /** What detections are aggregated by: a record, so no key text is built and hashed per detection. */
  private record GroupKey(String ruleId, String scopeName, String fingerprintId) {}

  private record RecentGroup(GroupKey key, DetectionGroup group) {

    boolean matches(Detection d) {
      return same(key.ruleId(), d.ruleId()) && same(key.scopeName(), d.scopeName())
          && same(key.fingerprintId(), d.fingerprintId());
    }

    private static boolean same(String a, String b) {
      return a == b || a != null && a.equals(b);
    }
  }

  /** Detections ignored because the group limit was reached. */
  public long droppedDetections() {
    return dropped.get();
  }
}
