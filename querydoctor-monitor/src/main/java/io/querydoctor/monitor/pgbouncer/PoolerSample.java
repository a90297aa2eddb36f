package io.querydoctor.monitor.pgbouncer;

import java.time.Instant;
import java.util.List;

/**
 * One sampling of a PgBouncer: its pools at the sample time and what its statistics counted since the previous
 * sample ({@code stats} is empty for the first sample, which only sets the baseline), or why it failed.
 */
public record PoolerSample(String pooler, Instant at, String error, List<PoolState> pools, List<PoolerStats> stats,
    double durationMs) {

  public PoolerSample {
    pools = List.copyOf(pools);
    stats = List.copyOf(stats);
  }

  public boolean ok() {
    return error == null;
  }

  /** The longest any client of any pool has been waiting for a server connection, in seconds. */
  public double maxWaitSeconds() {
    return pools.stream().mapToDouble(PoolState::maxWaitSeconds).max().orElse(0);
  }
}
