package io.querydoctor.monitor.sample;

/**
 * What the server's sessions were doing at the moment of a sample ({@code pg_stat_activity}), all gauges.
 * Connections count client backends of the whole server, against its {@code max_connections}; durations are
 * in seconds; {@code replicationLagSeconds} is null when the server neither is nor has a standby.
 */
public record Activity(int connections, int maxConnections, int active, int idle, int idleInTransaction,
    double longestIdleInTransactionSeconds, double longestQuerySeconds, int waiting, int blocked,
    double longestLockWaitSeconds, Double replicationLagSeconds) {

  /** Share of {@code max_connections} in use, 0..1. */
  public double connectionsUsedRatio() {
    return maxConnections == 0 ? 0 : (double) connections / maxConnections;
  }
}
