package io.querydoctor.remedies.pool;

/**
 * Reads a pool's own gauges. Called by {@link PoolMonitor#sample()} on the sampling thread; must be cheap and
 * must not borrow a connection. Returns null (the monitor then uses its own counts) when the pool cannot tell.
 */
@FunctionalInterface
public interface PoolProbe {

  /** Active connections, waiting threads and maximum size now; {@code atNanos} is filled in by the monitor. */
  PoolSample read();
}
