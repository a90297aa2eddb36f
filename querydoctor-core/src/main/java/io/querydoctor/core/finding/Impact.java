package io.querydoctor.core.finding;

import java.util.Objects;

/**
 * What a problem costs, so that findings can be ranked by it.
 *
 * @param millisPerHour estimated database time per hour of workload that the problem costs (or that its
 *     fix would save), in milliseconds; 0 when the cost is real but not time (risk of an outage, space)
 * @param basis how the estimate was made, in words a reader can check ("1 200 calls/h × 180 ms")
 * @param observedMillis for a cost observed over a window (a capture): the time it took in that window; else null
 * @param windowMillis the window's length; null with {@code observedMillis}
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Impact(double millisPerHour, String basis, Double observedMillis, Double windowMillis) {

  /**
   * The shortest window whose cost may be stated per hour: a quarter of one. Scaling seconds of a test or a
   * short capture to an hour ("59.7 min/h" from 0.2 s) is not a measurement; the report then shows the cost over
   * the window observed, and the per-hour figure only ranks.
   */
  public static final double MIN_WINDOW_FOR_RATE_MILLIS = 15 * 60_000;

  /**
   * Ends the basis of an impact whose call rate was not known (a plan explained on its own): per execution, one
   * call an hour assumed so that findings of one plan rank among themselves. Charts of time per hour leave them
   * out.
   */
  public static final String RATE_UNKNOWN = "(call rate unknown)";

  public Impact(double millisPerHour, String basis) {
    this(millisPerHour, basis, null, null);
  }

  /** A cost of {@code observedMillis} seen over {@code windowMillis} of work, scaled to an hour for ranking. */
  public static Impact observed(double observedMillis, double windowMillis, String basis) {
    double window = Math.max(windowMillis, 1);
    return new Impact(observedMillis * 3_600_000 / window, basis, observedMillis, window);
  }

  /** True when the per-hour figure may be shown: not scaled up from a window too short to say. */
  public boolean perHourShown() {
    return windowMillis == null || windowMillis >= MIN_WINDOW_FOR_RATE_MILLIS;
  }

  public Impact {
    if (millisPerHour < 0 || Double.isNaN(millisPerHour)) {
      throw new IllegalArgumentException("millisPerHour must be >= 0: " + millisPerHour);
    }
    Objects.requireNonNull(basis, "basis");
  }

  /** True when the time per hour rests on a measured or stated call rate, not on {@link #RATE_UNKNOWN}. */
  public boolean hasCallRate() {
    return !basis.endsWith(RATE_UNKNOWN);
  }

  /** No time estimate is possible (e.g. a risk rather than a cost); ranks after any timed impact. */
  public static Impact unknown(String why) {
    return new Impact(0, why);
  }
}
