package io.querydoctor.remedies.pool;

import io.querydoctor.core.capture.Ticker;
import io.querydoctor.core.finding.Finding;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Watches a connection pool: counts each borrow through {@link #wrap} (wait time, hold time, connections out,
 * threads waiting), samples the pool's gauges ({@link PoolProbe}, e.g. HikariCP's MXBean, or its own counts),
 * and judges the samples ({@link PoolFindings}: {@code pool-saturation}, {@code pool-oversized}) with a
 * Little's-law size ({@link #sizing()}).
 *
 * <pre>{@code
 * PoolMonitor monitor = PoolMonitor.of(HikariPoolProbe.of(hikari));
 * DataSource ds = monitor.wrap(QueryDoctor.wrap(hikari));
 * monitor.startSampling(scheduler, Duration.ofSeconds(1));
 * monitor.findings();   // pool-saturation / pool-oversized, with the measured size
 * }</pre>
 *
 * <p>Thread-safe. Samples are kept in a bounded window ({@value #MAX_SAMPLES} newest).
 */
public final class PoolMonitor {

  static final int MAX_SAMPLES = 10_000;

  private final PoolProbe probe;
  private final int maxSize;
  private final Ticker ticker;
  private final long startNanos;
  private final AtomicInteger out = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private final LongAdder borrows = new LongAdder();
  private final LongAdder holdNanos = new LongAdder();
  private final LongAdder waitNanos = new LongAdder();
  private final ArrayDeque<PoolSample> samples = new ArrayDeque<>();

  private PoolMonitor(PoolProbe probe, int maxSize, Ticker ticker) {
    this.probe = probe;
    this.maxSize = maxSize;
    this.ticker = ticker;
    this.startNanos = ticker.read();
  }

  /** A monitor reading the pool's own gauges (active, waiting, maximum size). */
  public static PoolMonitor of(PoolProbe probe) {
    return new PoolMonitor(Objects.requireNonNull(probe, "probe"), 0, Ticker.system());
  }

  /** A monitor of any data source, from the borrows it sees through {@link #wrap}, out of {@code maxSize}. */
  public static PoolMonitor ofMaxSize(int maxSize) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be at least 1: " + maxSize);
    }
    return new PoolMonitor(null, maxSize, Ticker.system());
  }

  /** The same monitor on another clock (tests). */
  public PoolMonitor withTicker(Ticker value) {
    return new PoolMonitor(probe, maxSize, value);
  }

  /** {@code dataSource} with its borrows counted; wrap the outermost data source the application uses. */
  public DataSource wrap(DataSource dataSource) {
    return new MonitoredDataSource(Objects.requireNonNull(dataSource, "dataSource"), this);
  }

  /**
   * Threads in {@code getConnection()} while every connection is out: those are queued. With connections free a
   * borrow passes through {@code getConnection()} in microseconds and is not waiting.
   */
  private int waitingForAConnection() {
    return out.get() >= maxSize ? waiting.get() : 0;
  }

  /** Takes and keeps one sample now. */
  public PoolSample sample() {
    PoolSample read = probe == null ? null : probe.read();
    long now = ticker.read();
    PoolSample sample = read != null ? new PoolSample(now, read.active(), read.waiting(), read.maxSize())
        : new PoolSample(now, out.get(), waitingForAConnection(), maxSize);
    synchronized (samples) {
      if (samples.size() == MAX_SAMPLES) {
        samples.removeFirst();
      }
      samples.addLast(sample);
    }
    return sample;
  }

  /** Samples every {@code period} on {@code scheduler} until the returned future is cancelled. */
  public ScheduledFuture<?> startSampling(ScheduledExecutorService scheduler, Duration period) {
    long nanos = period.toNanos();
    return scheduler.scheduleAtFixedRate(this::sample, 0, nanos, TimeUnit.NANOSECONDS);
  }

  public List<PoolSample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** Little's law on the borrows counted since the monitor was made. */
  public PoolSizing sizing() {
    return PoolSizing.of(borrows.sum(), holdNanos.sum(), ticker.read() - startNanos);
  }

  /** Mean time a borrower waited for a connection, in milliseconds. */
  public double meanWaitMillis() {
    long count = borrows.sum();
    return count == 0 ? 0 : waitNanos.sum() / 1e6 / count;
  }

  /** Findings with the default thresholds: saturated for a minute, oversized over a minute. */
  public List<Finding> findings() {
    return PoolFindings.defaults().judge(samples(), sizing());
  }

  public List<Finding> findings(PoolFindings rules) {
    return rules.judge(samples(), sizing());
  }

  // Borrow accounting, called by MonitoredDataSource.

  long borrowing() {
    waiting.incrementAndGet();
    return ticker.read();
  }

  void borrowed(long start) {
    waiting.decrementAndGet();
    waitNanos.add(ticker.read() - start);
  }

  long lent() {
    out.incrementAndGet();
    return ticker.read();
  }

  void returned(long since) {
    out.decrementAndGet();
    borrows.increment();
    holdNanos.add(ticker.read() - since);
  }
}
