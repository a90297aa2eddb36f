package io.querydoctor.monitor.sample;

/**
 * One query id's cumulative counters from {@code pg_stat_statements} (summed over roles and top-level flags),
 * or the difference between two readings of them.
 *
 * @param queryid the server's query id
 * @param query the normalized text the server keeps ({@code $1} for literals)
 * @param totalExecMs total execution time in milliseconds
 */
public record StatementCounters(long queryid, String query, long calls, double totalExecMs, long rows,
    long sharedBlksHit, long sharedBlksRead, long tempBlksWritten) {

  /** True when any counter is lower than in {@code earlier}: the entry was reset or evicted and re-created. */
  boolean decreasedFrom(StatementCounters earlier) {
    return calls < earlier.calls || totalExecMs < earlier.totalExecMs || rows < earlier.rows
        || sharedBlksHit < earlier.sharedBlksHit || sharedBlksRead < earlier.sharedBlksRead
        || tempBlksWritten < earlier.tempBlksWritten;
  }

  StatementCounters minus(StatementCounters earlier) {
    return new StatementCounters(queryid, query, calls - earlier.calls, totalExecMs - earlier.totalExecMs,
        rows - earlier.rows, sharedBlksHit - earlier.sharedBlksHit, sharedBlksRead - earlier.sharedBlksRead,
        tempBlksWritten - earlier.tempBlksWritten);
  }

  /** Mean execution time in milliseconds, 0 without calls. */
  public double meanExecMs() {
    return calls == 0 ? 0 : totalExecMs / calls;
  }
}
