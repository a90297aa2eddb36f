package io.querydoctor.remedies.pool;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Judges pool samples. {@code pool-saturation}: over the trailing {@code sustained} window (with at least that
 * much history) the mean utilization is at or above {@code saturation} and threads waited in it (the runbooks:
 * "alert at 80–90 % utilization"). {@code pool-oversized}: over at least {@code sustained} of samples, the busiest moment used at
 * most {@code oversizedPeak} of the pool, nobody waited, and Little's law needs at most half its connections.
 *
 * @param saturation utilization that counts as saturated (0.80)
 * @param sustained how long a pattern must last to count (1 minute)
 * @param oversizedPeak peak utilization at or under which a pool is oversized (0.50)
 */
public record PoolFindings(double saturation, Duration sustained, double oversizedPeak) {

  public static final String SATURATION = "pool-saturation";
  public static final String OVERSIZED = "pool-oversized";

  public static PoolFindings defaults() {
    return new PoolFindings(0.80, Duration.ofMinutes(1), 0.50);
  }

  List<Finding> judge(List<PoolSample> samples, PoolSizing sizing) {
    if (samples.size() < 3) {
      return List.of();
    }
    Finding saturated = saturated(samples, sizing);
    if (saturated != null) {
      return List.of(saturated);
    }
    Finding oversized = oversized(samples, sizing);
    return oversized == null ? List.of() : List.of(oversized);
  }

  private Finding saturated(List<PoolSample> samples, PoolSizing sizing) {
    // The trailing window of the sustained length, judged by its mean, as an alerting rule averages over time:
    // a pool of a few connections sampled at an instant shows one being handed back, which is not a lull.
    long last = samples.get(samples.size() - 1).atNanos();
    if (span(samples) < sustained.toNanos()) {
      return null;
    }
    List<PoolSample> run = samples.stream().filter(s -> s.atNanos() >= last - sustained.toNanos()).toList();
    double meanUtilization = run.stream().mapToDouble(PoolSample::utilization).average().orElse(0);
    int maxWaiting = run.stream().mapToInt(PoolSample::waiting).max().orElse(0);
    if (run.size() < 3 || meanUtilization < saturation || maxWaiting == 0) {
      return null;
    }
    int size = run.get(run.size() - 1).maxSize();
    return Finding.builder(SATURATION, Severity.HIGH)
        .title(String.format(Locale.ROOT, "Connection pool at %.0f %% on average for %d s with up to %d threads "
            + "waiting", 100 * meanUtilization, span(run) / 1_000_000_000L, maxWaiting))
        .subject(Subject.setting("maximumPoolSize"))
        .detail("Requests queue for a connection before they reach the database; the wait adds to every"
            + " response. " + sizingText(sizing, size))
        .evidence(Evidence.crossed("utilization", meanUtilization, "ratio", saturation))
        .evidence(Evidence.of("threads_waiting", maxWaiting, "count"))
        .evidence(Evidence.of("seconds_saturated", span(run) / 1e9, "s"))
        .evidence(Evidence.of("littles_law_connections", sizing.concurrentNeeded(), "count"))
        .impact(Impact.unknown("requests wait for a connection"))
        .fix(Fix.setting("First make the statements that hold connections faster (their findings), then size the"
            + " pool from the measured demand", "maximumPoolSize=" + Math.max(size, sizing.recommended())))
        .build();
  }

  private Finding oversized(List<PoolSample> samples, PoolSizing sizing) {
    if (span(samples) < sustained.toNanos() || samples.stream().anyMatch(s -> s.waiting() > 0)) {
      return null;
    }
    double peak = samples.stream().mapToDouble(PoolSample::utilization).max().orElse(0);
    int size = samples.get(samples.size() - 1).maxSize();
    // Shrinking by a connection or two is not worth a finding: Little's law must need at most half the pool.
    if (peak > oversizedPeak || 2 * sizing.recommended() > size) {
      return null;
    }
    return Finding.builder(OVERSIZED, Severity.LOW)
        .title(String.format(Locale.ROOT, "Connection pool of %d never uses more than %.0f %%; %d would do",
            size, 100 * peak, sizing.recommended()))
        .subject(Subject.setting("maximumPoolSize"))
        .detail("Idle connections cost the database memory and backends (each PostgreSQL connection is a"
            + " process), and several instances multiply them. " + sizingText(sizing, size))
        .evidence(Evidence.crossed("peak_utilization", peak, "ratio", oversizedPeak))
        .evidence(Evidence.of("littles_law_connections", sizing.concurrentNeeded(), "count"))
        .evidence(Evidence.of("recommended_size", sizing.recommended(), "count"))
        .impact(Impact.unknown("idle connections held open on the database"))
        .fix(Fix.setting("Shrink the pool to the measured demand", "maximumPoolSize=" + sizing.recommended()))
        .build();
  }

  private static String sizingText(PoolSizing sizing, int size) {
    return String.format(Locale.ROOT, "Measured: %.1f borrows/s × %.1f ms held = %.2f connections busy on"
        + " average (Little's law); at 70 %% utilization that is %d, against %d now. Rules of thumb (HikariCP's"
        + " database cores × 2 + spindles; √ of concurrent requests within 20–50) guess at this number; the"
        + " measured one is your workload's.", sizing.borrowsPerSecond(), sizing.meanHoldMillis(),
        sizing.concurrentNeeded(), sizing.recommended(), size);
  }

  private static long span(List<PoolSample> samples) {
    return samples.get(samples.size() - 1).atNanos() - samples.get(0).atNanos();
  }
}
