package io.querydoctor.monitor;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertEvaluator;
import io.querydoctor.monitor.alert.AlertRule;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.alert.Observations;
import io.querydoctor.monitor.log.LogSource;
import io.querydoctor.monitor.log.LogTail;
import io.querydoctor.monitor.log.MeasuredLatency;
import io.querydoctor.monitor.log.StatementLatency;
import io.querydoctor.monitor.metrics.MonitorMetrics;
import io.querydoctor.monitor.pgbouncer.PgBouncerTarget;
import io.querydoctor.monitor.pgbouncer.PoolState;
import io.querydoctor.monitor.pgbouncer.PoolerSample;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.notify.Notifier;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.sample.Sampler;
import io.querydoctor.monitor.store.AlertHistory;
import io.querydoctor.monitor.store.HistoryStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring loop: every interval, sample each target, store the sample, evaluate the alert rules on it,
 * hand state changes to the notifiers' queues and update /metrics; on the heavy schedule, run the heavy checks
 * and store their findings; at each cycle, enforce retention. Runs on one thread; a failure on one target or
 * of the store is recorded and logged, never stops the loop.
 */
public final class Monitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

  /** Samples kept while the store is away; at a 60 s interval and one database, about 16 hours. */
  static final int MAX_UNSAVED = 1_000;

  private final HistoryStore store;
  private final List<MonitoredTarget> targets;
  private final List<PgBouncerTarget> poolers;
  private final MonitorSettings settings;
  private final Clock clock;
  private final Sampler sampler;
  private final AlertEvaluator evaluator;
  private final RegressionDetector regressions;
  private final HeavyChecks heavyChecks;
  private final PlanWatch planWatch;
  private final SlowdownTrend slowdown;
  private final List<DeliveryQueue> deliveries = new ArrayList<>();
  private final MonitorMetrics metrics;
  private final Map<String, Instant> lastHeavyRun = new HashMap<>();
  private final Map<DeliveryQueue, Instant> lastRepeat = new HashMap<>();
  private final java.util.LinkedList<Sample> unsaved = new java.util.LinkedList<>();
  private final Map<String, LogTail> logs = new HashMap<>();
  private final Map<String, String> logProblems = new HashMap<>();
  private final Map<String, List<StatementLatency>> latencies = new HashMap<>();
  private long droppedSamples;
  private final io.querydoctor.monitor.notify.SilencedDeliveries silenced =
      new io.querydoctor.monitor.notify.SilencedDeliveries();

  public Monitor(HistoryStore store, List<MonitoredTarget> targets, List<AlertRule> rules, List<Notifier> notifiers,
      DeliveryQueue.Backoff backoff, HeavyChecks heavyChecks, MonitorSettings settings, Clock clock)
      throws SQLException {
    this(store, targets, List.of(), rules, notifiers, backoff, heavyChecks, settings, clock);
  }

  /** A monitor that also watches PgBouncers ({@code --pgbouncer}) through their admin consoles. */
  public Monitor(HistoryStore store, List<MonitoredTarget> targets, List<PgBouncerTarget> poolers,
      List<AlertRule> rules, List<Notifier> notifiers, DeliveryQueue.Backoff backoff, HeavyChecks heavyChecks,
      MonitorSettings settings, Clock clock) throws SQLException {
    this.store = store;
    this.targets = List.copyOf(targets);
    this.poolers = List.copyOf(poolers);
    this.settings = settings;
    this.clock = clock;
    this.sampler = new Sampler(clock);
    AlertHistory alerts = store.alerts();
    java.util.Set<String> names = new java.util.HashSet<>();
    targets.forEach(t -> names.add(t.name()));
    poolers.forEach(p -> names.add(p.name()));
    this.evaluator = new AlertEvaluator(rules, alerts, names);
    this.regressions = new RegressionDetector(store, settings.baselineWindow(), settings.minCalls());
    this.heavyChecks = heavyChecks;
    this.planWatch = new PlanWatch(store, settings.planStatements());
    this.slowdown = new SlowdownTrend(store, settings.minCalls());
    this.metrics = new MonitorMetrics(settings.topStatements());
    for (Notifier notifier : notifiers) {
      deliveries.add(new DeliveryQueue(notifier,
          (name, sent, attempt, ok, detail) -> alerts.recordDelivery(name, sent, attempt, ok, detail,
              clock.instant()), backoff, 1_000));
    }
    metrics.deliveries(deliveries);
    for (MonitoredTarget target : targets) {
      store.lastCounters(target.name()).ifPresent(target::continueFrom);
    }
  }

  public MonitorMetrics metrics() {
    return metrics;
  }

  /**
   * Follows {@code source}, the server log of the target named {@code target}, for true latency percentiles
   * ({@code --log}); without it they are estimates. Call before the first cycle.
   */
  public void tailLog(String target, LogSource source) {
    logs.put(target, new LogTail(source));
  }

  /** The latest interval's percentiles of {@code target}'s top statements, each labelled measured or estimated. */
  public List<StatementLatency> latencies(String target) {
    return latencies.getOrDefault(target, List.of());
  }

  /** The alerts pending or firing now. */
  public List<Alert> openAlerts() {
    return evaluator.openAlerts();
  }

  /** One cycle over every target; returns the samples taken. */
  public List<Sample> cycle() {
    List<Sample> samples = new ArrayList<>();
    for (MonitoredTarget target : targets) {
      Sample sample = sampler.sample(target);
      samples.add(sample);
      if (!sample.ok()) {
        LOG.warn("sample of {} failed: {}", target.name(), sample.error());
      }
      metrics.record(sample);
      boolean stored = store(sample);
      Observations observations = SampleObservations.of(sample, target.database());
      if (sample.ok()) {
        percentiles(target, sample, stored);
        heavyChecksIfDue(target, sample.intervalEnd(), observations);
      }
      List<Alert> changed = evaluate(target, sample, stored, observations);
      notify(changed, sample.intervalEnd());
    }
    for (PgBouncerTarget pooler : poolers) {
      pool(pooler);
    }
    housekeeping();
    return samples;
  }

  /**
   * Stores the samples the store missed so far, oldest first, then this one. While the store is away they wait in
   * memory (only the latest of a target keeps its cumulative counters, the next sample's baseline), up to
   * {@link #MAX_UNSAVED}; beyond that the oldest are dropped, counted and logged.
   */
  private boolean store(Sample sample) {
    if (sample.counters() != null) {
      unsaved.replaceAll(s -> s.target().equals(sample.target()) ? s.withoutCounters() : s);
    }
    unsaved.addLast(sample);
    if (unsaved.size() > MAX_UNSAVED) {
      Sample lost = unsaved.removeFirst();
      droppedSamples++;
      LOG.warn("history store away too long: dropped the sample of {} at {}", lost.target(), lost.intervalEnd());
    }
    try {
      while (!unsaved.isEmpty()) {
        store.record(unsaved.peekFirst());
        unsaved.removeFirst();
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      LOG.warn("history store did not keep the sample of {} ({} waiting in memory): {}", sample.target(),
          unsaved.size(), e.getMessage());
      metrics.storeStatus(-1, true);
      store.checkConnection();
      return false;
    } finally {
      metrics.storeBuffer(unsaved.size(), droppedSamples);
    }
  }

  /**
   * One PgBouncer: its sample goes to /metrics and the store (not buffered: a pooler's history is not worth
   * memory while the store is away), its pools' waiting times to the alert rules.
   */
  private void pool(PgBouncerTarget pooler) {
    PoolerSample sample = pooler.sample(clock.instant());
    if (!sample.ok()) {
      LOG.warn("sample of PgBouncer {} failed: {}", pooler.name(), sample.error());
    }
    metrics.pooler(sample);
    try {
      store.recordPooler(sample);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("history store did not keep the PgBouncer sample of {}: {}", pooler.name(), e.getMessage());
    }
    Observations observations = new Observations();
    observations.put(Observations.TARGET_UP, Subject.database("pgbouncer"), sample.ok() ? 1 : 0);
    if (sample.ok()) {
      observations.complete(Observations.PGBOUNCER_WAIT_SECONDS);
      for (PoolState p : sample.pools()) {
        observations.put(Observations.PGBOUNCER_WAIT_SECONDS, Subject.database(p.database() + "/" + p.user()),
            p.maxWaitSeconds());
      }
    }
    try {
      List<Alert> changed = evaluator.evaluate(pooler.name(), observations, sample.at());
      changed.forEach(a -> LOG.info("alert {}: {}", a.state().label(), a.summary()));
      notify(changed, sample.at());
    } catch (SQLException | RuntimeException e) {
      LOG.warn("alert evaluation for {} failed: {}", pooler.name(), e.getMessage());
    } finally {
      metrics.alerts(evaluator.openAlerts());
    }
  }

  /**
   * The interval's latency percentiles: from the log where it is followed and has the statement, estimated
   * otherwise. Kept for /metrics and --once, and stored with the sample when the store took it.
   */
  private void percentiles(MonitoredTarget target, Sample sample, boolean stored) {
    LogTail tail = logs.get(target.name());
    List<MeasuredLatency> logged = tail == null ? List.of() : tail.drain(target);
    String problem = tail == null ? null : tail.problem();
    if (problem != null && !problem.equals(logProblems.get(target.name()))) {
      LOG.warn("latency percentiles of {} stay estimates: {}", target.name(), problem);
    }
    logProblems.put(target.name(), problem);
    if (sample.deltas() == null) {
      return;
    }
    List<StatementLatency> current = StatementLatencies.of(sample, logged, settings.topStatements());
    latencies.put(target.name(), current);
    metrics.latencies(target.name(), current);
    if (stored) {
      try {
        store.recordLatencies(target.name(), sample.intervalEnd(), current);
      } catch (SQLException | RuntimeException e) {
        LOG.warn("history store did not keep the percentiles of {}: {}", target.name(), e.getMessage());
      }
    }
  }

  private List<Alert> evaluate(MonitoredTarget target, Sample sample, boolean stored, Observations observations) {
    try {
      if (stored && sample.ok()) {
        regressions.observe(sample, observations, latencies(target.name()));
      }
      List<Alert> changed = evaluator.evaluate(target.name(), observations, sample.intervalEnd());
      changed.forEach(a -> LOG.info("alert {}: {}", a.state().label(), a.summary()));
      return changed;
    } catch (SQLException | RuntimeException e) {
      LOG.warn("alert evaluation for {} failed: {}", target.name(), e.getMessage());
      return List.of();
    } finally {
      metrics.alerts(evaluator.openAlerts());
    }
  }

  /** The silences that hold notifications back (the dashboard's); none by default. */
  public void silences(io.querydoctor.monitor.notify.Silences value) {
    silenced.use(value);
  }

  private void notify(List<Alert> changed, Instant now) {
    for (DeliveryQueue queue : deliveries) {
      Map<Long, Alert> send = new LinkedHashMap<>();
      changed.forEach(a -> send.put(a.id(), a));
      if (queue.notifier().repeatsFiring() && repeatDue(queue, now)) {
        evaluator.openAlerts().stream().filter(a -> a.state() == AlertState.FIRING).forEach(a -> send.put(a.id(), a));
        lastRepeat.put(queue, now);
      }
      silenced.submit(queue, send.values(), evaluator.openAlerts(), now);
    }
  }

  private boolean repeatDue(DeliveryQueue queue, Instant now) {
    Instant last = lastRepeat.get(queue);
    return last == null || !Duration.between(last, now).minus(settings.repeatFiring()).isNegative();
  }

  /**
   * On the heavy schedule: the heavy checks' findings, the top statements' plan fingerprints, the daily trends of
   * their mean times (from the store); each part that
   * fails is logged and left unobserved (its alerts keep their state).
   */
  private void heavyChecksIfDue(MonitoredTarget target, Instant now, Observations observations) {
    Instant last = lastHeavyRun.get(target.name());
    if (last != null && Duration.between(last, now).compareTo(settings.heavyInterval()) < 0) {
      return;
    }
    lastHeavyRun.put(target.name(), now);
    try {
      List<Finding> findings = heavyChecks.run(target);
      store.recordFindings(target.name(), findings, now);
      SampleObservations.addFindings(observations, findings);
    } catch (Exception e) {
      LOG.warn("heavy checks on {} failed: {}", target.name(), e.getMessage());
    }
    try {
      planWatch.run(target, now, observations);
    } catch (Exception e) {
      LOG.warn("plan fingerprints of {} failed: {}", target.name(), e.getMessage());
    }
    try {
      slowdown.observe(target.name(), now, observations);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("daily trends of {} failed: {}", target.name(), e.getMessage());
    }
  }

  private void housekeeping() {
    try {
      HistoryStore.Sweep sweep = store.enforceRetention(clock.instant(), settings.retention(),
          settings.rollupRetention(), settings.storeMaxBytes());
      if (sweep.trimmedSamples() > 0) {
        LOG.warn("history store over its size bound ({} bytes): dropped the {} oldest full-resolution samples "
            + "(kept as hourly rollups); now {} bytes", settings.storeMaxBytes(), sweep.trimmedSamples(),
            sweep.sizeBytes());
      }
      metrics.storeTrimmed(sweep.trimmedSamples());
      metrics.storeStatus(sweep.sizeBytes(), false);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("history store housekeeping failed: {}", e.getMessage());
      metrics.storeStatus(-1, true);
    }
  }

  /**
   * Samples every interval until {@code stop} counts down; the cycle in progress when it does is finished
   * first. Cycles start at fixed times (not after the previous one ends), so intervals do not drift.
   */
  public void run(CountDownLatch stop) throws InterruptedException {
    long intervalNanos = settings.interval().toNanos();
    long next = System.nanoTime();
    while (stop.getCount() > 0) {
      cycle();
      next += intervalNanos;
      long wait = next - System.nanoTime();
      if (wait < 0) {
        next = System.nanoTime();
        wait = 0;
      }
      if (stop.await(wait, TimeUnit.NANOSECONDS)) {
        return;
      }
    }
  }

  /** Lets queued notifications go out (for a few seconds), then closes the target connections. */
  @Override
  public void close() {
    deliveries.forEach(q -> q.close(Duration.ofSeconds(5)));
    targets.forEach(MonitoredTarget::disconnect);
    poolers.forEach(PgBouncerTarget::disconnect);
  }
}
