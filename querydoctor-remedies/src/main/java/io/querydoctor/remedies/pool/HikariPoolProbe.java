package io.querydoctor.remedies.pool;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * HikariCP's gauges through its MXBean ({@code getHikariPoolMXBean()}): active connections and threads awaiting
 * a connection, as the pool counts them — including borrowers that do not go through QueryDoctor.
 */
public final class HikariPoolProbe implements PoolProbe {

  private final HikariDataSource pool;

  private HikariPoolProbe(HikariDataSource pool) {
    this.pool = pool;
  }

  public static HikariPoolProbe of(HikariDataSource pool) {
    return new HikariPoolProbe(pool);
  }

  @Override
  public PoolSample read() {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    if (bean == null) {
      return null; // not started yet
    }
    return new PoolSample(0, bean.getActiveConnections(), bean.getThreadsAwaitingConnection(),
        pool.getHikariConfigMXBean().getMaximumPoolSize());
  }
}
