package io.querydoctor.monitor.sample;

import io.querydoctor.postgres.connect.SafeExecutor;
import java.time.Clock;
import java.time.Instant;

/**
 * Takes one sample of a target: reads its counters and activity, differences them against the previous
 * reading, and never throws: a database that cannot be reached or a query that fails gives a failed sample
 * with the reason, and the target keeps its previous counters so the next good sample covers the gap.
 */
public final class Sampler {

  private final Clock clock;

  public Sampler(Clock clock) {
    this.clock = clock;
  }

  public Sample sample(MonitoredTarget target) {
    Instant now = clock.instant();
    long startNanos = System.nanoTime();
    try {
      SafeExecutor executor = target.executor();
      CounterSnapshot previous = target.previous();
      TargetReader.Reading reading = TargetReader.read(executor, now, previous, target.ownQueryIds());
      Deltas deltas = previous == null ? null : DeltaCalculator.between(previous, reading.counters());
      long ownRollbacks = target.takeOwnRollbacks();
      target.continueFrom(reading.counters());
      return new Sample(target.name(), previous == null ? null : previous.readAt(), now, null, deltas,
          reading.activity(), reading.counters(), ownRollbacks, millisSince(startNanos));
    } catch (Exception e) {
      target.disconnect();
      return new Sample(target.name(), null, now, oneLine(e), null, null, null, 0, millisSince(startNanos));
    }
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
