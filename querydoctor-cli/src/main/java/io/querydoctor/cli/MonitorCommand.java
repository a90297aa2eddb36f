package io.querydoctor.cli;

import io.querydoctor.monitor.DurationText;
import io.querydoctor.monitor.HeavyChecks;
import io.querydoctor.monitor.Monitor;
import io.querydoctor.monitor.MonitorSettings;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertRule;
import io.querydoctor.monitor.alert.AlertRules;
import io.querydoctor.monitor.alert.AlertState;
import io.querydoctor.monitor.dashboard.Dashboard;
import io.querydoctor.monitor.log.LocalLogFile;
import io.querydoctor.monitor.log.ServerLogFile;
import io.querydoctor.monitor.log.StatementLatency;
import io.querydoctor.monitor.metrics.PrometheusRules;
import io.querydoctor.monitor.notify.AlertmanagerNotifier;
import io.querydoctor.monitor.notify.DeliveryQueue;
import io.querydoctor.monitor.notify.Notifier;
import io.querydoctor.monitor.notify.WebhookNotifier;
import io.querydoctor.monitor.pgbouncer.PgBouncerConsole;
import io.querydoctor.monitor.pgbouncer.PgBouncerTarget;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.store.StoreLocation;
import io.querydoctor.postgres.connect.PgConnector;
import io.querydoctor.postgres.connect.PgUrl;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code querydoctor monitor}: samples databases continuously, keeps history, alerts, serves /metrics. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
      "Watches one or more databases: samples their statistics every interval into a history store, evaluates "
          + "the runbooks' alert rules, notifies webhooks and Alertmanager, and serves /metrics.",
      "Read-only on the monitored databases. Runs until SIGTERM/SIGINT (the current sample is finished and the "
          + "store closed). See docs/monitor.md."
    })
final class MonitorCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL",
      description = "A database to monitor (repeatable): jdbc:postgresql://host[:port]/db or postgres://… "
          + "(default: DATABASE_URL, else PGHOST/PGPORT/PGDATABASE).")
  private List<String> urls = new ArrayList<>();

  @Option(names = "--user", paramLabel = "ROLE", description = "Role for the monitored databases (pg_monitor "
      + "is enough).")
  private String user;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Environment variable holding the monitored databases' password.")
  private String passwordEnv;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s",
      description = "Time between samples, e.g. 10s, 1m (default: ${DEFAULT-VALUE}).")
  private String interval;

  @Option(names = "--heavy-interval", paramLabel = "DURATION", defaultValue = "1h",
      description = "Time between runs of the catalog health checks (default: ${DEFAULT-VALUE}).")
  private String heavyInterval;

  @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "14d",
      description = "How long full-resolution history is kept; older samples become hourly rollups, kept 90 days "
          + "(default: ${DEFAULT-VALUE}).")
  private String retention;

  @Option(names = "--store-max-size", paramLabel = "SIZE", defaultValue = "1GB",
      description = "Disk size bound of the history, e.g. 500MB, 1GB, off; beyond it the oldest full-resolution "
          + "samples are dropped (kept as hourly rollups) (default: ${DEFAULT-VALUE}).")
  private String storeMaxSize;

  @Option(names = "--store", paramLabel = "DIR|URL",
      description = "History store: a directory for an embedded PostgreSQL (default: ~/.querydoctor/store) or "
          + "jdbc:postgresql://… of a database many monitors can share.")
  private String store;

  @Option(names = "--store-password-env", paramLabel = "VAR",
      description = "Environment variable holding the store database's password.")
  private String storePasswordEnv;

  @Option(names = "--listen", paramLabel = "HOST:PORT|off", defaultValue = "127.0.0.1:9187",
      description = "Where the dashboard and /metrics are served (default: ${DEFAULT-VALUE}); off to serve "
          + "nothing. See docs/dashboard.md.")
  private String listen;

  @Option(names = "--auth-token-env", paramLabel = "VAR",
      description = "Environment variable holding the token the dashboard and /metrics require, as a bearer "
          + "token or the basic-auth password (needed off loopback).")
  private String authTokenEnv;

  @Option(names = "--insecure-no-auth", description = "Serve the dashboard and /metrics off loopback without a "
      + "token.")
  private boolean insecureNoAuth;

  @Option(names = "--allow-cancel", description = "Let the dashboard cancel and terminate backends (off by "
      + "default).")
  private boolean allowCancel;

  @Option(names = "--alert-rules", paramLabel = "FILE",
      description = "YAML (.yml/.yaml) or JSON file overriding or adding alert rules; see docs/monitor.md.")
  private Path alertRules;

  @Option(names = "--webhook", paramLabel = "URL",
      description = "POST alerts as JSON (with a Slack-compatible text field) to this URL (repeatable).")
  private List<URI> webhooks = new ArrayList<>();

  @Option(names = "--alertmanager", paramLabel = "URL",
      description = "Send alerts to Prometheus Alertmanager at this base URL (POST /api/v2/alerts).")
  private URI alertmanager;

  @Option(names = "--pgbouncer", paramLabel = "URL",
      description = "Also sample a PgBouncer's SHOW POOLS and SHOW STATS through its admin console (repeatable): "
          + "postgres://user[:password]@host:6432/pgbouncer (password also from PGPASSWORD); auth_type trust, "
          + "plain or md5.")
  private List<String> pgbouncers = new ArrayList<>();

  @Option(names = "--log", paramLabel = "FILE|auto",
      description = "The server log, for true p50/p95/p99 per statement: a log file on this machine, or auto to "
          + "read each server's current log through SQL (needs the logging collector). Every statement must be "
          + "logged (log_min_duration_statement = 0). Without it percentiles are estimates from mean and stddev, "
          + "labelled so.")
  private String log;

  @Option(names = "--once", description = "Take one sample of each database, print it and exit (for cron and "
      + "tests). Exit code 2 when a database could not be sampled, 1 when an alert is firing.")
  private boolean once;

  /** Counted down once the store is closed; the shutdown hook waits for it. */
  private final CountDownLatch finished = new CountDownLatch(1);

  @Option(names = "--print-prometheus-rules", description = "Print the alert rules (with --alert-rules applied) as "
      + "a Prometheus alerting-rules file over /metrics, and exit.")
  private boolean printPrometheusRules;

  @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.")
  private boolean verbose;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    MonitorSettings settings = settings();
    List<AlertRule> rules = rules();
    if (printPrometheusRules) {
      out.print(PrometheusRules.yaml(rules));
      out.flush();
      return ExitCode.CLEAN;
    }
    checkLog();
    List<MonitoredTarget> targets = targets(settings.interval());
    List<Notifier> notifiers = notifiers(settings.interval());
    List<PgBouncerTarget> poolers = poolers();
    String token = token();
    try {
      return monitor(settings, rules, targets, poolers, notifiers, token, out);
    } finally {
      // Only now is the store closed: a shutdown hook waiting on this lets the JVM exit.
      finished.countDown();
    }
  }

  private int monitor(MonitorSettings settings, List<AlertRule> rules, List<MonitoredTarget> targets,
      List<PgBouncerTarget> poolers, List<Notifier> notifiers, String token, PrintWriter out) throws Exception {
    try (StoreLocation location = openStore();
        Monitor monitor = new Monitor(location.store(), targets, poolers, rules, notifiers,
            DeliveryQueue.Backoff.STANDARD, HeavyChecks.health(), settings, Clock.systemUTC())) {
      tailLogs(monitor, targets);
      out.println("history: " + location.description() + " (schema version " + location.store().schemaVersion()
          + ", retention " + retention + ")");
      if (once) {
        return reportOnce(monitor.cycle(), monitor, out);
      }
      try (Dashboard dashboard = startDashboard(location, monitor, token, settings)) {
        out.println("monitoring " + targets.size() + " database(s) every " + interval + (dashboard == null ? ""
            : "; dashboard on http://" + listen + "/ and metrics on http://" + listen + "/metrics"));
        out.flush();
        runUntilStopped(monitor);
      }
    }
    return ExitCode.CLEAN;
  }

  private void tailLogs(Monitor monitor, List<MonitoredTarget> targets) {
    if (log == null) {
      return;
    }
    for (MonitoredTarget target : targets) {
      monitor.tailLog(target.name(),
          log.equalsIgnoreCase("auto") ? new ServerLogFile() : new LocalLogFile(Path.of(log)));
    }
  }

  /** --log FILE must be a readable file; checked before anything starts. */
  private void checkLog() {
    if (log != null && !log.equalsIgnoreCase("auto") && !java.nio.file.Files.isReadable(Path.of(log))) {
      throw new UserError("--log: cannot read '" + log + "' (a server log file on this machine, or auto)");
    }
  }

  private MonitorSettings settings() {
    try {
      return MonitorSettings.defaults().withInterval(positive("--interval", interval))
          .withHeavyInterval(positive("--heavy-interval", heavyInterval))
          .withRetention(positive("--retention", retention))
          .withStoreMaxBytes(io.querydoctor.monitor.SizeText.parse(storeMaxSize));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage().startsWith("not a size") || e.getMessage().startsWith("size too")
          ? "--store-max-size: " + e.getMessage() : e.getMessage());
    }
  }

  private static Duration positive(String option, String text) {
    Duration value = DurationText.parse(text);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(option + " must be positive, got '" + text + "'");
    }
    return value;
  }

  private List<AlertRule> rules() {
    try {
      return alertRules == null ? AlertRules.defaults() : AlertRules.load(alertRules);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private List<MonitoredTarget> targets(Duration sampleInterval) throws Exception {
    List<String> given = urls.isEmpty() ? List.of(ConnectionOptions.effectiveUrl(null)) : urls;
    // A sample's queries must end well before the next sample is due, and never hold on longer than 30 s.
    Duration timeout = Duration.ofMillis(Math.max(2_000, Math.min(30_000, sampleInterval.toMillis() / 2)));
    List<MonitoredTarget> targets = new ArrayList<>();
    PgConnector connector = PgConnector.standard();
    for (String text : given) {
      PgUrl url = PgUrl.parse(text);
      targets.add(new MonitoredTarget(url.redacted(), url.database(),
          () -> connector.connect(url, user, passwordEnv), timeout));
    }
    return targets;
  }

  private List<PgBouncerTarget> poolers() throws Exception {
    List<PgBouncerTarget> poolers = new ArrayList<>();
    for (String text : pgbouncers) {
      PgUrl url = PgUrl.parse(text);
      if (!url.database().equals("pgbouncer")) {
        throw new UserError("--pgbouncer needs the admin console's URL, database pgbouncer: postgres://user@host:6432"
            + "/pgbouncer, got database '" + url.database() + "'");
      }
      String user = url.user() != null ? url.user() : System.getenv().getOrDefault("PGUSER", "pgbouncer");
      String password = url.password() != null ? url.password() : System.getenv("PGPASSWORD");
      poolers.add(new PgBouncerTarget(url.address(),
          () -> PgBouncerConsole.open(url.host(), url.port(), user, password, 5_000)));
    }
    return poolers;
  }

  private List<Notifier> notifiers(Duration sampleInterval) {
    List<Notifier> notifiers = new ArrayList<>();
    webhooks.forEach(uri -> notifiers.add(new WebhookNotifier(httpUri("--webhook", uri))));
    if (alertmanager != null) {
      Duration validFor = Duration.ofMillis(4 * Math.max(sampleInterval.toMillis(), 60_000));
      notifiers.add(new AlertmanagerNotifier(httpUri("--alertmanager", alertmanager), validFor));
    }
    return notifiers;
  }

  private static URI httpUri(String option, URI uri) {
    if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
      throw new UserError(option + " needs an http:// or https:// URL, got '" + uri + "'");
    }
    return uri;
  }

  private String token() {
    if (authTokenEnv == null) {
      return null;
    }
    String value = System.getenv(authTokenEnv);
    if (value == null || value.isBlank()) {
      throw new UserError("environment variable " + authTokenEnv + " (from --auth-token-env) is not set");
    }
    return value;
  }

  private StoreLocation openStore() throws Exception {
    return StoreLocation.open(store, storePasswordEnv);
  }

  private Dashboard startDashboard(StoreLocation location, Monitor monitor, String token, MonitorSettings settings)
      throws Exception {
    if (listen.equalsIgnoreCase("off")) {
      return null;
    }
    int colon = listen.lastIndexOf(':');
    if (colon <= 0 || !listen.substring(colon + 1).matches("\\d{1,5}")) {
      throw new UserError("--listen needs HOST:PORT or off, got '" + listen + "'");
    }
    try {
      Dashboard dashboard = Dashboard.start(location.connector(), () -> {
        try {
          return targets(settings.interval());
        } catch (Exception e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }, monitor.metrics(), new Dashboard.Options(listen.substring(0, colon),
          Integer.parseInt(listen.substring(colon + 1)), token, insecureNoAuth, allowCancel, settings.interval(),
          settings.retention()), Clock.systemUTC());
      monitor.silences(dashboard.silences());
      return dashboard;
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    } catch (java.net.BindException e) {
      throw new UserError("cannot listen on " + listen + ": " + e.getMessage() + " (use --listen HOST:PORT or off)");
    }
  }

  /**
   * Samples until the JVM is asked to stop (SIGTERM, SIGINT): the shutdown hook lets the cycle in progress
   * finish and waits for the store to be closed before the JVM exits.
   */
  private void runUntilStopped(Monitor monitor) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        finished.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "querydoctor-monitor-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    monitor.run(stop);
  }

  private static String abbreviate(String query) {
    String oneLine = query == null ? "" : query.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 97) + "...";
  }

  private static int reportOnce(List<Sample> samples, Monitor monitor, PrintWriter out) {
    boolean failed = false;
    for (Sample sample : samples) {
      if (sample.ok()) {
        out.printf("%s: sampled in %.0f ms%s%n", sample.target(), sample.durationMs(), sample.deltas() == null
            ? " (first sample: baseline only)" : ", " + sample.deltas().statements().size() + " statements with calls");
        out.printf("  connections %d of %d, idle in transaction %d (longest %.0f s), longest query %.0f s, "
            + "blocked %d%n", sample.activity().connections(), sample.activity().maxConnections(),
            sample.activity().idleInTransaction(), sample.activity().longestIdleInTransactionSeconds(),
            sample.activity().longestQuerySeconds(), sample.activity().blocked());
        for (StatementLatency l : monitor.latencies(sample.target()).stream().limit(5).toList()) {
          out.printf("  p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %s, %d calls: %s%n", l.p50Ms(), l.p95Ms(), l.p99Ms(),
              l.label(), l.calls(), abbreviate(l.query()));
        }
      } else {
        failed = true;
        out.println(sample.target() + ": sample failed: " + sample.error());
      }
    }
    List<Alert> open = monitor.openAlerts();
    for (Alert alert : open) {
      out.println("[" + alert.state().label() + "] " + alert.severity().label() + " " + alert.rule().id() + ": "
          + alert.summary());
      out.println("  fix: " + alert.rule().fix());
    }
    if (failed) {
      return ExitCode.ERROR;
    }
    return open.stream().anyMatch(a -> a.state() == AlertState.FIRING) ? ExitCode.FINDINGS : ExitCode.CLEAN;
  }
}
