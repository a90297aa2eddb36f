package io.querydoctor.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.querydoctor.core.capture.CaptureListener;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.finding.Finding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Micrometer meters for a capture session, with bounded cardinality:
 *
 * <ul>
 *   <li>{@code querydoctor.query} (timer; tags {@code fingerprint}, {@code outcome}) and
 *       {@code querydoctor.query.rows} (counter; tag {@code fingerprint}) for the {@link #topFingerprints} shapes
 *       with the most total time, all others under {@code fingerprint="other"};
 *   <li>{@code querydoctor.scope} (timer) and {@code querydoctor.scope.statements} (summary), tag {@code scope},
 *       for the first {@link #maxScopeNames} scope names, later ones under {@code other};
 *   <li>{@code querydoctor.findings} (gauge; tags {@code rule}, {@code severity}): the session's findings now.
 * </ul>
 *
 * <pre>{@code
 * QueryDoctorMetrics.of(QueryDoctor.session()).topFingerprints(20).bindTo(registry);
 * }</pre>
 *
 * <p>Which fingerprints are the top ones, and the findings gauge, are refreshed from the session at most every
 * {@link #refreshEvery} (10 s by default), by the statement that finds the last refresh older than that; the
 * meters themselves are updated on every statement and scope, on the application's thread.
 */
public final class QueryDoctorMetrics implements MeterBinder {

  static final String FINDINGS = "querydoctor.findings";

  private final CaptureSession session;
  private int topFingerprints = 20;
  private int maxScopeNames = 100;
  private Duration refreshEvery = Duration.ofSeconds(10);
  private volatile Bound bound;

  private QueryDoctorMetrics(CaptureSession session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  public static QueryDoctorMetrics of(CaptureSession session) {
    return new QueryDoctorMetrics(session);
  }

  /** How many query shapes get series of their own (default 20). */
  public QueryDoctorMetrics topFingerprints(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("topFingerprints must be >= 0: " + count);
    }
    topFingerprints = count;
    return this;
  }

  /** How many scope names get series of their own (default 100). */
  public QueryDoctorMetrics maxScopeNames(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("maxScopeNames must be >= 0: " + count);
    }
    maxScopeNames = count;
    return this;
  }

  /** How often the top shapes and the findings gauge are recomputed (default 10 s). */
  public QueryDoctorMetrics refreshEvery(Duration interval) {
    refreshEvery = Objects.requireNonNull(interval, "interval");
    return this;
  }

  /** Registers the meters and starts feeding them from the session. Bind once. */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    if (bound != null) {
      throw new IllegalStateException("QueryDoctorMetrics is already bound to a registry");
    }
    bound = new Bound(this, registry);
    session.addListener(bound);
  }

  /** Recomputes the top shapes and the findings gauge now (otherwise done every {@link #refreshEvery}). */
  public void refresh() {
    Bound current = bound;
    if (current != null) {
      current.refresh();
    }
  }

  /** The meters of one registry, fed by the session as its listener. */
  private static final class Bound implements CaptureListener {
    private final CaptureSession session;
    private final FingerprintMeters fingerprints;
    private final ScopeMeters scopes;
    private final MultiGauge findings;
    private final long refreshNanos;
    private volatile long lastRefresh = System.nanoTime();

    Bound(QueryDoctorMetrics config, MeterRegistry registry) {
      this.session = config.session;
      this.fingerprints = new FingerprintMeters(registry, config.topFingerprints);
      this.scopes = new ScopeMeters(registry, config.maxScopeNames);
      this.findings = MultiGauge.builder(FINDINGS).description("Findings of the capture session, per rule")
          .register(registry);
      this.refreshNanos = config.refreshEvery.toNanos();
    }

    @Override
    public void statementExecuted(StatementEvent event) {
      fingerprints.record(event);
      long now = System.nanoTime();
      if (now - lastRefresh >= refreshNanos) {
        lastRefresh = now;
        refresh();
      }
    }

    @Override
    public void scopeClosed(ScopeRecord scope) {
      scopes.record(scope);
    }

    synchronized void refresh() {
      lastRefresh = System.nanoTime();
      fingerprints.rerank(session.aggregate().summaries());
      Map<Tags, Long> counts = session.findings().stream().collect(Collectors.groupingBy(
          (Finding f) -> Tags.of("rule", f.ruleId(), "severity", f.severity().label()), Collectors.counting()));
      findings.register(counts.entrySet().stream()
          .map(e -> MultiGauge.Row.of(e.getKey(), e.getValue()))
          .collect(Collectors.<MultiGauge.Row<?>>toList()), true);
    }
  }

  /** The fingerprints with their own series now; for tests. */
  List<String> trackedFingerprints() {
    Bound current = bound;
    return current == null ? List.of() : List.copyOf(current.fingerprints.tracked());
  }
}
