package io.querydoctor.monitor.pgbouncer;

/**
 * One row of PgBouncer's {@code SHOW STATS} (cumulative per database since PgBouncer started), or the
 * difference between two readings.
 *
 * @param waitMicros time clients spent waiting for a server connection, in microseconds
 */
public record PoolerStats(String database, long transactions, long queries, long waitMicros, long transactionMicros,
    long queryMicros) {

  boolean decreasedFrom(PoolerStats earlier) {
    return transactions < earlier.transactions || queries < earlier.queries || waitMicros < earlier.waitMicros
        || transactionMicros < earlier.transactionMicros || queryMicros < earlier.queryMicros;
  }

  PoolerStats minus(PoolerStats earlier) {
    return new PoolerStats(database, transactions - earlier.transactions, queries - earlier.queries,
        waitMicros - earlier.waitMicros, transactionMicros - earlier.transactionMicros,
        queryMicros - earlier.queryMicros);
  }
}
