package io.querydoctor.remedies.pool;

/**
 * A pool size from Little's law: connections needed = borrows per second × seconds each is held. Measured on
 * the application's own workload, it wins over the rules of thumb (HikariCP's "database cores × 2 + effective
 * spindles", the runbooks' "√ of concurrent requests, within 20–50"), which guess at what it measures.
 *
 * @param borrowsPerSecond throughput λ over the window
 * @param meanHoldMillis mean time W a borrowed connection is kept (in the database and between statements)
 * @param concurrentNeeded λ·W, the mean number of connections the workload keeps busy
 * @param recommended λ·W at the target utilization (70 %, below the 80 % saturation alert), at least 2
 */
public record PoolSizing(double borrowsPerSecond, double meanHoldMillis, double concurrentNeeded, int recommended) {

  /** The utilization the recommendation aims at: headroom under {@code pool-saturation}'s 80 %. */
  static final double TARGET_UTILIZATION = 0.70;

  static PoolSizing of(long borrows, long holdNanos, long windowNanos) {
    double seconds = windowNanos / 1e9;
    double lambda = seconds <= 0 ? 0 : borrows / seconds;
    double hold = borrows == 0 ? 0 : holdNanos / 1e6 / borrows;
    double needed = lambda * hold / 1000;
    return new PoolSizing(lambda, hold, needed, Math.max(2, (int) Math.ceil(needed / TARGET_UTILIZATION)));
  }
}
