package io.querydoctor.monitor.sample;

/**
 * The monitored database's cumulative counters from {@code pg_stat_database}, or the difference between two
 * readings. {@code statsReset} is the view's {@code stats_reset} as text (null when never reset).
 */
public record DatabaseCounters(long xactCommit, long xactRollback, long blksHit, long blksRead, long tempFiles,
    long tempBytes, long deadlocks, String statsReset) {

  boolean decreasedFrom(DatabaseCounters earlier) {
    return xactCommit < earlier.xactCommit || xactRollback < earlier.xactRollback || blksHit < earlier.blksHit
        || blksRead < earlier.blksRead || tempFiles < earlier.tempFiles || tempBytes < earlier.tempBytes
        || deadlocks < earlier.deadlocks;
  }

  DatabaseCounters minus(DatabaseCounters earlier) {
    return new DatabaseCounters(xactCommit - earlier.xactCommit, xactRollback - earlier.xactRollback,
        blksHit - earlier.blksHit, blksRead - earlier.blksRead, tempFiles - earlier.tempFiles,
        tempBytes - earlier.tempBytes, deadlocks - earlier.deadlocks, statsReset);
  }
}
