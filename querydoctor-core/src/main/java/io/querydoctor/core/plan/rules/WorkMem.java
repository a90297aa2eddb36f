package io.querydoctor.core.plan.rules;

/** Sizes a {@code work_mem} that lets a spilled operation stay in memory. */
final class WorkMem {

  private WorkMem() {}

  /**
   * A work_mem in MB for an operation that needed {@code neededKb} of memory, rounded up to a power of two and
   * at least 4 MB (PostgreSQL's default): a setting, not a measurement, so a round number a DBA would choose.
   */
  static long megabytesFor(double neededKb) {
    long mb = Math.max(4, (long) Math.ceil(neededKb / 1024));
    return Long.highestOneBit(mb - 1) << 1;
  }

  static String setting(long megabytes) {
    return "SET work_mem = '" + megabytes + "MB';  -- for this session or role; ALTER ROLE … SET work_mem for its users";
  }
}
