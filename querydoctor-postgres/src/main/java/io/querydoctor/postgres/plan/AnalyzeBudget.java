package io.querydoctor.postgres.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The total time {@code diagnose --analyze} may spend running the workload's statements: each run gets a
 * {@code statement_timeout} of what is left (at most {@link #PER_STATEMENT}), and once it is spent no more
 * statements run. A statement cut by its timeout has still cost its time. Not thread-safe.
 */
public final class AnalyzeBudget {

  /** The default of {@code --analyze-budget}. */
  public static final Duration DEFAULT = Duration.ofSeconds(30);

  /** No single statement may take more than this, whatever the budget. */
  static final Duration PER_STATEMENT = Duration.ofSeconds(10);

  /** Below this, a statement would most likely be cut before it ends: not worth starting. */
  static final Duration MIN_RUN = Duration.ofMillis(100);

  private final Duration total;
  private final Clock clock;
  private Instant started;

  public AnalyzeBudget(Duration total, Clock clock) {
    if (total.isNegative() || total.isZero()) {
      throw new IllegalArgumentException("the --analyze budget must be positive, got " + total);
    }
    this.total = total;
    this.clock = clock;
  }

  public AnalyzeBudget(Duration total) {
    this(total, Clock.systemUTC());
  }

  public Duration total() {
    return total;
  }

  /** Time left; the clock starts at the first call. */
  public Duration remaining() {
    if (started == null) {
      started = clock.instant();
    }
    Duration left = total.minus(Duration.between(started, clock.instant()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The {@code statement_timeout} for the next run, or null when the budget is spent. */
  public Duration nextTimeout() {
    Duration left = remaining();
    if (left.compareTo(MIN_RUN) < 0) {
      return null;
    }
    return left.compareTo(PER_STATEMENT) < 0 ? left : PER_STATEMENT;
  }

  /** Parses {@code 30s}, {@code 2m}, {@code 1500ms} or a plain number of seconds. */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 30s, 2m or 1500ms)");
    }
  }
}
