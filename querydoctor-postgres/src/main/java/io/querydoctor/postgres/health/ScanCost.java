package io.querydoctor.postgres.health;

import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.report.Quantities;

/**
 * A deliberately simple estimate of what sequential scans cost, used to rank findings whose fix replaces
 * them with index lookups. A page read from shared buffers and filtered costs about 10 µs on current
 * hardware (8 kB of tuples at roughly 1 GB/s of tuple processing); reads from disk cost more, so this is a
 * floor. The lookup that replaces the scan is treated as free.
 */
public final class ScanCost {

  /** Milliseconds to scan one 8 kB heap page that is in shared buffers. */
  public static final double MILLIS_PER_PAGE = 0.01;

  private ScanCost() {}

  /**
   * The time per hour of {@code scans} full scans of a {@code pages}-page table counted over
   * {@code statsAgeSeconds}.
   */
  public static Impact of(long scans, long pages, long statsAgeSeconds, String what) {
    double hours = Math.max(statsAgeSeconds, 60) / 3600.0;
    double scansPerHour = scans / hours;
    double millisPerHour = scansPerHour * pages * MILLIS_PER_PAGE;
    return new Impact(millisPerHour, Quantities.number(Math.round(scansPerHour)) + " " + what + "/h × "
        + Quantities.number(pages) + " pages × " + MILLIS_PER_PAGE + " ms/page");
  }
}
