package io.querydoctor.core.finding;

import java.util.Objects;

/**
 * What a problem costs, so that findings can be ranked by it.
 *
 * @param millisPerHour estimated database time per hour of workload that the problem costs (or that its
 *     fix would save), in milliseconds; 0 when the cost is real but not time (risk of an outage, space)
 * @param basis how the estimate was made, in words a reader can check ("1 200 calls/h × 180 ms")
 */
public record Impact(double millisPerHour, String basis) {

  /**
   * Ends the basis of an impact whose call rate was not known (a plan explained on its own): per execution, one
   * call an hour assumed so that findings of one plan rank among themselves. Charts of time per hour leave them
   * out.
   */
  public static final String RATE_UNKNOWN = "(call rate unknown)";

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
