package io.querydoctor.core.digest;

import java.time.Instant;

/**
 * The part of a log to digest ({@code --since}, {@code --until}): statements at or after {@code since} and
 * before {@code until}. Either end may be open ({@code null}). A statement without a time (a slow log entry
 * before its first {@code # Time}) cannot be placed and is kept.
 */
public record TimeWindow(Instant since, Instant until) {

  public static final TimeWindow ALL = new TimeWindow(null, null);

  public TimeWindow {
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException("--since " + since + " must be before --until " + until);
    }
  }

  public boolean isAll() {
    return since == null && until == null;
  }

  /** Whether a statement logged at {@code at} belongs in the digest. */
  public boolean contains(Instant at) {
    return at == null || ((since == null || !at.isBefore(since)) && (until == null || at.isBefore(until)));
  }
}
