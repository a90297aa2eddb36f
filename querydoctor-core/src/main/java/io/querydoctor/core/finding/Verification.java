package io.querydoctor.core.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * The effect of a fix, measured on a sandbox or estimated by the planner.
 *
 * @param method whether the numbers were measured or estimated
 * @param metric what the numbers are: {@code median_ms}, {@code p95_ms}, {@code planner_cost}
 * @param before the value without the fix
 * @param after the value with the fix
 * @param runs how many runs each side was measured over; {@code null} for estimates
 * @param note what was applied and measured, in words
 * @param p95Before the 95th percentile without the fix, in the metric's unit, for measured timings; else null
 * @param p95After the 95th percentile with the fix; null when {@code p95Before} is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(Method method, String metric, double before, double after, Integer runs, String note,
    Double p95Before, Double p95After) {

  /** A verification without percentiles (estimates, or a single figure per side). */
  public Verification(Method method, String metric, double before, double after, Integer runs, String note) {
    this(method, metric, before, after, runs, note, null, null);
  }

  /** How the before/after figures were obtained. */
  public enum Method {
    /** Run for real on a sandbox, before and after the fix. */
    MEASURED,
    /** The planner's cost estimate, e.g. with a hypothetical index. */
    ESTIMATED;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Verification {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(metric, "metric");
  }

  /**
   * The share by which {@code after} must be below {@code before} for the fix to count as an improvement: 10 %,
   * above the run-to-run noise of a median of timed runs on a sandbox and of planner costs between two plans.
   */
  public static final double MIN_IMPROVEMENT = 0.10;

  /**
   * True when the fix made things better by more than noise: {@code after} at least {@link #MIN_IMPROVEMENT}
   * below {@code before}, and the 95th percentile, when measured, not worse.
   */
  public boolean improved() {
    boolean median = after <= before * (1 - MIN_IMPROVEMENT);
    boolean tail = p95Before == null || p95After == null || p95After <= p95Before;
    return median && tail;
  }

  /** before / after, or positive infinity when after is 0. */
  public double speedup() {
    return after == 0 ? Double.POSITIVE_INFINITY : before / after;
  }
}
