package io.querydoctor.monitor.sample;

/**
 * One query id's cumulative counters from {@code pg_stat_statements} (summed over roles and top-level flags),
 * or the difference between two readings of them.
 *
 * @param queryid the server's query id
 * @param query the normalized text the server keeps ({@code $1} for literals)
 * @param totalExecMs total execution time in milliseconds
 * @param sumSquaresMs2 sum of the squared execution times (ms²), from the view's mean and stddev: what a
 *     stddev of one interval is computed from (0 when not read)
 */
public record StatementCounters(long queryid, String query, long calls, double totalExecMs, long rows,
    long sharedBlksHit, long sharedBlksRead, long tempBlksWritten, double sumSquaresMs2) {

  /** Counters without the sum of squares (history rows, older stored counters). */
  public StatementCounters(long queryid, String query, long calls, double totalExecMs, long rows,
      long sharedBlksHit, long sharedBlksRead, long tempBlksWritten) {
    this(queryid, query, calls, totalExecMs, rows, sharedBlksHit, sharedBlksRead, tempBlksWritten, 0);
  }

  /** The same counters with {@code text} as the query text. */
  StatementCounters withQuery(String text) {
    return new StatementCounters(queryid, text, calls, totalExecMs, rows, sharedBlksHit, sharedBlksRead,
        tempBlksWritten, sumSquaresMs2);
  }

  /** True when any counter is lower than in {@code earlier}: the entry was reset or evicted and re-created. */
  boolean decreasedFrom(StatementCounters earlier) {
    return calls < earlier.calls || totalExecMs < earlier.totalExecMs || rows < earlier.rows
        || sharedBlksHit < earlier.sharedBlksHit || sharedBlksRead < earlier.sharedBlksRead
        || tempBlksWritten < earlier.tempBlksWritten;
  }

  StatementCounters minus(StatementCounters earlier) {
    return new StatementCounters(queryid, query, calls - earlier.calls, totalExecMs - earlier.totalExecMs,
        rows - earlier.rows, sharedBlksHit - earlier.sharedBlksHit, sharedBlksRead - earlier.sharedBlksRead,
        tempBlksWritten - earlier.tempBlksWritten, Math.max(0, sumSquaresMs2 - earlier.sumSquaresMs2));
  }

  /** Mean execution time in milliseconds, 0 without calls. */
  public double meanExecMs() {
    return calls == 0 ? 0 : totalExecMs / calls;
  }

  /** Standard deviation of the execution times in milliseconds, or NaN when the sum of squares was not read. */
  public double stddevExecMs() {
    if (calls == 0 || sumSquaresMs2 <= 0) {
      return Double.NaN;
    }
    double mean = meanExecMs();
    return Math.sqrt(Math.max(0, sumSquaresMs2 / calls - mean * mean));
  }
}
