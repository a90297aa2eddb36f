package io.querydoctor.monitor.dashboard;

import io.querydoctor.monitor.metrics.MonitorMetrics;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.store.HistoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The dashboard as the monitor runs it: its store connections, its detail sampler and its HTTP server (which
 * also serves {@code /metrics}), started together and closed together.
 */
public final class Dashboard implements AutoCloseable {

  /** How the dashboard listens and what it allows. */
  public record Options(String host, int port, String token, boolean insecure, boolean allowCancel,
      Duration interval, Duration retention) {}

  private final DashboardStore store;
  private final DetailSampler sampler;
  private final DashboardServer server;

  private Dashboard(DashboardStore store, DetailSampler sampler, DashboardServer server) {
    this.store = store;
    this.sampler = sampler;
    this.server = server;
  }

  /**
   * Starts the dashboard over the store {@code connector} opens.
   *
   * @param targets makes a fresh set of target connections (one set for the sampler, one for explain/cancel)
   * @throws IllegalArgumentException for a non-loopback address without a token or {@code insecure}
   */
  public static Dashboard start(HistoryStore.Connector connector, Supplier<List<MonitoredTarget>> targets,
      MonitorMetrics metrics, Options options, Clock clock) throws Exception {
    return start(connector, targets, metrics, options, clock, false);
  }

  /**
   * As {@link #start(HistoryStore.Connector, Supplier, MonitorMetrics, Options, Clock)}; with {@code sandbox} the
   * user declared the targets sandboxes, so the index advisor may build candidates in rolled-back transactions
   * when HypoPG is absent (the demo).
   */
  public static Dashboard start(HistoryStore.Connector connector, Supplier<List<MonitoredTarget>> targets,
      MonitorMetrics metrics, Options options, Clock clock, boolean sandbox) throws Exception {
    // Refuse an unauthenticated public listener before touching anything else.
    DashboardAccess.forAddress(java.net.InetAddress.getByName(options.host()), options.token(), options.insecure());
    DashboardStore store = new DashboardStore(connector);
    DetailSampler sampler = new DetailSampler(store, targets.get(), clock, options.retention())
        .withSuggestions(new IndexSuggestions(store, targets.get(), sandbox));
    try {
      DashboardServer server = DashboardServer.start(options.host(), options.port(), store, metrics,
          new DashboardActions(store, targets.get(), options.allowCancel()), options.token(), options.insecure(),
          clock);
      sampler.start(options.interval());
      return new Dashboard(store, sampler, server);
    } catch (Exception | Error e) {
      sampler.close();
      store.close();
      throw e;
    }
  }

  /** The Alerts page's silences, for the monitor's notifiers ({@code Monitor#silences}). */
  public io.querydoctor.monitor.notify.Silences silences() {
    return new AlertSilences(store);
  }

  public int port() {
    return server.port();
  }

  /** Runs the detail sampler once now (tests, the demo). */
  public void sampleNow() {
    sampler.sample();
  }

  @Override
  public void close() {
    server.close();
    sampler.close();
    store.close();
  }
}
