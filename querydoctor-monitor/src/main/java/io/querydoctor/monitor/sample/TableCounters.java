package io.querydoctor.monitor.sample;

/**
 * One table's counters from {@code pg_stat_user_tables}: scans and row changes are cumulative;
 * {@code nDeadTup} and {@code nModSinceAnalyze} are gauges, kept as read (never differenced).
 *
 * @param name schema-qualified table name
 */
public record TableCounters(String name, long seqScan, long idxScan, long nTupIns, long nTupUpd, long nTupDel,
    long nDeadTup, long nModSinceAnalyze) {

  boolean decreasedFrom(TableCounters earlier) {
    return seqScan < earlier.seqScan || idxScan < earlier.idxScan || nTupIns < earlier.nTupIns
        || nTupUpd < earlier.nTupUpd || nTupDel < earlier.nTupDel;
  }

  TableCounters minus(TableCounters earlier) {
    return new TableCounters(name, seqScan - earlier.seqScan, idxScan - earlier.idxScan,
        nTupIns - earlier.nTupIns, nTupUpd - earlier.nTupUpd, nTupDel - earlier.nTupDel, nDeadTup,
        nModSinceAnalyze);
  }

  boolean changed() {
    return seqScan != 0 || idxScan != 0 || nTupIns != 0 || nTupUpd != 0 || nTupDel != 0;
  }
}
