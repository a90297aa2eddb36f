package io.querydoctor.monitor.dashboard;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.data.DemoDatabase;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.demo.workload.DemoWorkload;
import io.querydoctor.demo.workload.ScopeRunner;
import io.querydoctor.monitor.HeavyChecks;
import io.querydoctor.monitor.Monitor;
import io.querydoctor.monitor.MonitorSettings;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.store.HistoryStore;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code querydoctor demo --monitor} in one object: on an embedded PostgreSQL, the demo database with its planted
 * problems, the demo workload running in a loop, the monitor sampling it into a store on the same server, and the
 * dashboard over that store. Two monitor cycles and one detail sample are taken before {@link #start} returns, so
 * every page has data when the URL is printed.
 */
public final class DashboardDemo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardDemo.class);

  private final Monitor monitor;
  private final HistoryStore store;
  private final Dashboard dashboard;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread monitorThread;
  private final Thread workloadThread;
  private final String host;
  private final HistoryStore.Connector storeConnector;

  private DashboardDemo(Monitor monitor, HistoryStore store, Dashboard dashboard, Thread monitorThread,
      Thread workloadThread, String host, HistoryStore.Connector storeConnector) {
    this.storeConnector = storeConnector;
    this.monitor = monitor;
    this.store = store;
    this.dashboard = dashboard;
    this.monitorThread = monitorThread;
    this.workloadThread = workloadThread;
    this.host = host;
  }

  /** Builds the demo on {@code server} and starts everything; the dashboard listens on {@code host:port}. */
  public static DashboardDemo start(EmbeddedServer server, DemoScale scale, String host, int port, Duration interval,
      ProgressListener progress) throws Exception {
    String database = server.createUniqueDatabase("demo");
    try (Connection c = server.connect(database); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      new DemoDatabase(scale, progress).build(c);
    }
    String storeDatabase = server.createUniqueDatabase("qd_history");
    HistoryStore.Connector storeConnector = () -> server.connect(storeDatabase);
    HistoryStore store = HistoryStore.open(storeConnector);
    String name = server.jdbcUrl(database);
    java.util.function.Supplier<List<MonitoredTarget>> targets = () -> List.of(new MonitoredTarget(name, database,
        () -> server.connect(database), Duration.ofSeconds(10)));
    MonitorSettings settings = MonitorSettings.defaults().withInterval(interval).withHeavyInterval(Duration.ofMinutes(10));
    Monitor monitor = new Monitor(store, targets.get(), AlertRules.defaults(), List.of(), DeliveryQueue.Backoff.STANDARD,
        HeavyChecks.health(), settings, Clock.systemUTC());
    DemoWorkload workload = new DemoWorkload(() -> server.connect(database), ScopeRunner.NONE, ProgressListener.NONE,
        scale, DemoDatabase.SEED);
    workload.run();
    monitor.cycle();  // baseline, and the heavy checks: findings and plan shapes of the statements just run
    store.addDeployMark("demo workload started", null, Clock.systemUTC().instant());
    workload.run();
    monitor.cycle();
    Dashboard dashboard = Dashboard.start(storeConnector, targets, monitor.metrics(), new Dashboard.Options(host, port,
        null, false, false, interval, settings.retention()), Clock.systemUTC(), true);
    monitor.silences(dashboard.silences());
    dashboard.sampleNow();
    DashboardDemo demo = new DashboardDemo(monitor, store, dashboard, null, null, host, storeConnector);
    return demo.running(workload);
  }

  private DashboardDemo running(DemoWorkload workload) {
    Thread monitoring = daemon("querydoctor-demo-monitor", () -> {
      try {
        monitor.run(stop);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Thread load = daemon("querydoctor-demo-workload", () -> {
      try {
        while (!stop.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
          workload.run();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("demo workload stopped: {}", e.getMessage());
      }
    });
    return new DashboardDemo(monitor, store, dashboard, monitoring, load, host, storeConnector);
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  public String url() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + dashboard.port() + "/";
  }

  public int port() {
    return dashboard.port();
  }

  /** A new connection to the demo's history store (tests). */
  public Connection storeConnection() throws Exception {
    return storeConnector.open();
  }

  /** Runs the dashboard's detail sampler once (tests). */
  public void sampleNow() {
    dashboard.sampleNow();
  }

  /** Takes one monitor cycle now (tests); the background loop keeps going. */
  public Monitor monitor() {
    return monitor;
  }

  @Override
  public void close() throws Exception {
    stop.countDown();
    for (Thread t : new Thread[] {monitorThread, workloadThread}) {
      if (t != null) {
        t.join(30_000);
      }
    }
    dashboard.close();
    monitor.close();
    store.close();
  }
}
