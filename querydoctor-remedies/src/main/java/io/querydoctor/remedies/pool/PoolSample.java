package io.querydoctor.remedies.pool;

/**
 * The pool at one instant.
 *
 * @param atNanos when, on the monitor's ticker
 * @param active connections lent out
 * @param waiting threads waiting for a connection
 * @param maxSize the pool's maximum size
 */
public record PoolSample(long atNanos, int active, int waiting, int maxSize) {

  /** Lent-out share of the maximum, 0 to 1. */
  public double utilization() {
    return maxSize <= 0 ? 0 : (double) active / maxSize;
  }
}
