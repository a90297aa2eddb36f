package io.querydoctor.core.digest;

import java.time.Duration;

/** How long a digest covers, to turn totals into time per hour for impact ranking. */
public final class DigestPeriod {

  private DigestPeriod() {}

  /** Hours between the first and last statement, at least one minute; 1 when the source has no timestamps. */
  public static double hours(WorkloadDigest digest) {
    if (digest.firstSeen() == null || digest.lastSeen() == null) {
      return 1;
    }
    long millis = Math.max(Duration.between(digest.firstSeen(), digest.lastSeen()).toMillis(), 60_000);
    return millis / 3_600_000.0;
  }

  /** Words for the impact basis: "over 2.5 h of log", or "over the digested period (no timestamps)". */
  public static String describe(WorkloadDigest digest) {
    if (digest.firstSeen() == null || digest.lastSeen() == null) {
      return "over the digested period (no timestamps, counted as one hour)";
    }
    return String.format(java.util.Locale.ROOT, "over %.2f h of workload", hours(digest));
  }
}
