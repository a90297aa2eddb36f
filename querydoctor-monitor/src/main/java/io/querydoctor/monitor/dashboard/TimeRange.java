package io.querydoctor.monitor.dashboard;

import java.time.Duration;
import java.time.Instant;

/**
 * The time range a page covers, {@code (from, to]}, chosen by name ({@code 1h} … {@code 30d}). Ranges of more
 * than six hours read hourly rollups ({@link StatementRollup}); shorter ones read the samples themselves.
 */
public record TimeRange(String name, Instant from, Instant to) {

  public static TimeRange parse(String name, Instant now) {
    String chosen = name == null || !PageLinks.RANGES.contains(name) ? "24h" : name;
    long amount = Long.parseLong(chosen.substring(0, chosen.length() - 1));
    Duration length = chosen.endsWith("d") ? Duration.ofDays(amount) : Duration.ofHours(amount);
    return new TimeRange(chosen, now.minus(length), now);
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  /** The window of the same length just before this one: the baseline a change is measured against. */
  public TimeRange before() {
    return new TimeRange(name, from.minus(length()), from);
  }

  /** Whether this range is read from hourly rollups rather than from every sample. */
  public boolean hourly() {
    return length().compareTo(Duration.ofHours(6)) > 0;
  }

  public double minutes() {
    return length().toSeconds() / 60.0;
  }
}
