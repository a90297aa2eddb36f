package io.querydoctor.monitor.pgbouncer;

/**
 * One row of PgBouncer's {@code SHOW POOLS}: a pool (database and user) at the moment of the sample, all gauges.
 *
 * @param clientsActive clients linked to a server connection (or idle with none needed)
 * @param clientsWaiting clients that sent a query and wait for a server connection
 * @param serversActive server connections linked to a client
 * @param serversIdle server connections ready for a client
 * @param serversUsed server connections idle longer than {@code server_check_delay}, to be checked before use
 * @param maxWaitSeconds how long the oldest waiting client has waited ({@code maxwait} + {@code maxwait_us})
 */
public record PoolState(String database, String user, long clientsActive, long clientsWaiting, long serversActive,
    long serversIdle, long serversUsed, double maxWaitSeconds, String poolMode) {
}
