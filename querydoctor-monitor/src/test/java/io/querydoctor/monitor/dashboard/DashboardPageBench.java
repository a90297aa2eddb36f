package io.querydoctor.monitor.dashboard;

import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.monitor.store.HistoryStore;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Page-render benchmark (a main, not a test): fills a history store directly with {@code days} of samples every
 * {@code intervalSeconds} for {@code fingerprints} query ids (plus database, activity, table, relation, session,
 * finding, alert and deploy rows), brings the dashboard's rollups up to date, then renders every page server-side
 * (store queries + template) over each time range and prints the median and the worst of 10 renders after 3
 * warm-ups. The store's data directory is kept ({@code dir}), so a second run skips the fill.
 *
 * <pre>java -cp … io.querydoctor.monitor.dashboard.DashboardPageBench [days] [fingerprints] [intervalSeconds] [dir]</pre>
 */
public final class DashboardPageBench {

  static final String TARGET = "jdbc:postgresql://bench:5432/app";

  public static void main(String[] args) throws Exception {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int fingerprints = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int interval = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    Path dir = Path.of(args.length > 3 ? args[3] : "target/dashboard-bench-store");
    Files.createDirectories(dir);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    try (EmbeddedServer server = EmbeddedServer.startKeeping(dir, 0)) {
      HistoryStore.Connector connector = () -> server.connect("postgres");
      HistoryStore.open(connector).close();
      try (DashboardStore store = new DashboardStore(connector)) {
        long samples = store.query("SELECT count(*) FROM qd_monitor.sample WHERE target = ?", rs -> rs.getLong(1),
            TARGET).get(0);
        if (samples == 0) {
          fill(connector, now, days, fingerprints, interval);
        } else {
          System.out.println("store already filled: " + samples + " samples");
          now = store.query("SELECT max(interval_end) FROM qd_monitor.sample", rs -> DashboardStore.instant(rs,
              "max"), new Object[0]).get(0).plusSeconds(30);
        }
        long start = System.nanoTime();
        new StatementRollup(store).catchUp(TARGET, now);
        System.out.printf(Locale.ROOT, "rollups brought up to date in %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "store size %s, statement_delta rows %,d%n", Shown.bytes(store.query(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = 'qd_monitor' AND c.relkind = 'r'", rs -> rs.getDouble(1), new Object[0]).get(0)),
            store.query("SELECT count(*) FROM qd_monitor.statement_delta", rs -> rs.getLong(1), new Object[0]).get(0));
        measure(store, now);
      }
    }
  }

  private static void measure(DashboardStore store, Instant now) throws Exception {
    Clock clock = Clock.fixed(now, java.time.ZoneOffset.UTC);
    DashboardServer.Handler handler = new DashboardServer.Handler(store, null,
        new DashboardActions(store, List.of(), false), DashboardAccess.forAddress(InetAddress.getLoopbackAddress(),
            null, false), clock);
    long top = store.query("SELECT queryid FROM qd_monitor.statement_rollup_day WHERE target = ? GROUP BY queryid"
        + " ORDER BY sum(total_exec_ms) DESC LIMIT 1", rs -> rs.getLong(1), TARGET).get(0);
    List<String> paths = List.of("/", "/queries", "/queries/" + top, "/findings", "/indexes", "/space",
        "/connections", "/maintenance", "/alerts", "/deploys");
    System.out.println("page                range   median ms   max ms   html kB");
    for (String range : List.of("1h", "24h", "7d", "30d")) {
      for (String path : paths) {
        DashboardRequest request = DashboardRequest.get(path, Map.of("range", range, "db", TARGET));
        int size = 0;
        for (int i = 0; i < 3; i++) {
          size = handler.renderHtml(request).length();
        }
        double[] ms = new double[10];
        for (int i = 0; i < ms.length; i++) {
          long t0 = System.nanoTime();
          handler.renderHtml(request);
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-20s %-6s %9.1f %8.1f %9d%n", path.startsWith("/queries/") ? "/queries/{id}"
            : path, range, (ms[4] + ms[5]) / 2, ms[9], size / 1024);
      }
    }
  }

  /** Synthetic history written with set-based SQL, a day at a time. */
  private static void fill(HistoryStore.Connector connector, Instant now, int days, int fingerprints, int interval)
      throws Exception {
    long t0 = System.nanoTime();
    try (Connection c = connector.open(); Statement s = c.createStatement()) {
      String end = "'" + now + "'::timestamptz";
      String step = "interval '" + interval + " seconds'";
      s.execute("DROP INDEX IF EXISTS qd_monitor.statement_delta_sample");
      s.execute("DROP INDEX IF EXISTS qd_monitor.statement_delta_queryid");
      for (int day = days; day >= 1; day--) {
        String from = end + " - interval '" + day + " days'";
        String to = end + " - interval '" + (day - 1) + " days'";
        s.execute("INSERT INTO qd_monitor.sample (target, interval_start, interval_end, ok, counters_reset, duration_ms)"
            + " SELECT '" + TARGET + "', t - " + step + ", t, true, false, 12 FROM generate_series(" + from + " + "
            + step + ", " + to + ", " + step + ") t");
        String these = "SELECT id FROM qd_monitor.sample WHERE target = '" + TARGET + "' AND interval_end > " + from
            + " AND interval_end <= " + to;
        // Query q: calls follow a skewed distribution; its mean drifts by day and varies by sample.
        s.execute("INSERT INTO qd_monitor.statement_delta (sample_id, queryid, query, calls, total_exec_ms, rows, "
            + "shared_blks_hit, shared_blks_read, temp_blks_written) SELECT x.id, q, NULL, 1 + (1000 / q)::int, "
            + "(1 + (1000 / q)::int) * (0.2 + (q % 50) * (1 + random() * 0.5)), 1 + (1000 / q)::int * 3, 100, 5, "
            + "CASE WHEN q % 97 = 0 THEN 10 ELSE 0 END FROM (" + these + ") x CROSS JOIN generate_series(1, "
            + fingerprints + ") q");
        s.execute("INSERT INTO qd_monitor.database_delta SELECT id, 1000, 3, 7, 99000, 400, 0, 0, 0 FROM (" + these
            + ") x");
        s.execute("INSERT INTO qd_monitor.activity SELECT id, 40, 100, 5, 33, 2, 1.5, 0.8, 0, 0, 0, NULL FROM ("
            + these + ") x");
        s.execute("INSERT INTO qd_monitor.table_delta SELECT x.id, 'table_' || n, 10, 500, 20, 10, 1, 100, 50 FROM ("
            + these + ") x CROSS JOIN generate_series(1, 10) n");
        System.out.printf(Locale.ROOT, "day %d filled (%.0f s)%n", days - day + 1, (System.nanoTime() - t0) / 1e9);
      }
      s.execute("CREATE INDEX statement_delta_sample ON qd_monitor.statement_delta (sample_id)");
      s.execute("CREATE INDEX statement_delta_queryid ON qd_monitor.statement_delta (queryid)");
      s.execute("INSERT INTO qd_monitor.counter_state VALUES ('" + TARGET + "', " + end + ", '{}')");
      s.execute("INSERT INTO qd_monitor.statement_text SELECT '" + TARGET + "', q, 'SELECT * FROM table_' || (q % 10)"
          + " || ' WHERE id = $1 AND kind = $2 /* shape ' || q || ' */' FROM generate_series(1, " + fingerprints + ") q");
      s.execute("INSERT INTO qd_monitor.relation_snapshot (target, at, kind, name, table_name, bytes, scans, "
          + "live_tuples, dead_tuples, mods_since_analyze, last_vacuum, last_analyze, xid_age, options, valid) "
          + "SELECT '" + TARGET + "', t, 'table', 'table_' || n, 'table_' || n, 1000000 * n, 10, 100000, 500, 50, t, t,"
          + " 1000, NULL, true FROM generate_series(" + end + " - interval '" + days + " days', " + end + ", interval "
          + "'5 minutes') t CROSS JOIN generate_series(1, 40) n");
      s.execute("INSERT INTO qd_monitor.relation_snapshot (target, at, kind, name, table_name, bytes, scans, options, "
          + "valid) SELECT '" + TARGET + "', t, 'index', 'index_' || n, 'table_' || (n % 40), 100000 * n, n % 3, "
          + "'CREATE INDEX …', true FROM generate_series(" + end + " - interval '" + days + " days', " + end
          + ", interval '5 minutes') t CROSS JOIN generate_series(1, 60) n");
      s.execute("INSERT INTO qd_monitor.database_size SELECT '" + TARGET + "', t, 1000000000, 5000000 FROM "
          + "generate_series(" + end + " - interval '" + days + " days', " + end + ", interval '5 minutes') t");
      s.execute("INSERT INTO qd_monitor.session_snapshot (target, at, pid, usename, application_name, client, state, "
          + "xact_age_s, state_age_s, blocked_by, query) SELECT '" + TARGET + "', t, 1000 + n, 'app', 'web', '10.0.0.'"
          + " || n, CASE WHEN n % 10 = 0 THEN 'idle in transaction' ELSE 'idle' END, n, n, '{}', 'SELECT $1' FROM "
          + "generate_series(" + end + " - interval '1 day', " + end + ", " + step + ") t CROSS JOIN "
          + "generate_series(1, 50) n");
      s.execute("INSERT INTO qd_monitor.finding (target, key, rule_id, severity, title, finding, first_seen, last_seen)"
          + " SELECT '" + TARGET + "', 'unused-index:index_' || n, 'unused-index', 'medium', 'index never used', "
          + "jsonb_build_object('title', 'index_' || n || ' is never used', 'fix', jsonb_build_object('kind', 'SQL',"
          + " 'summary', 'drop it', 'sql', 'DROP INDEX index_' || n)), " + end + ", " + end
          + " FROM generate_series(1, 50) n");
      s.execute("INSERT INTO qd_monitor.alert (target, rule, subject, severity, state, value, summary, started_at, "
          + "updated_at) SELECT '" + TARGET + "', 'slow-query', 'fingerprint:' || n, 'medium', CASE WHEN n % 5 = 0 "
          + "THEN 'firing' ELSE 'resolved' END, 600, 'slow', " + end + " - n * interval '7 hours', " + end
          + " - n * interval '6 hours' FROM generate_series(1, 100) n");
      s.execute("INSERT INTO qd_monitor.deploy_mark (at, label) SELECT " + end + " - n * interval '1 day', 'v' || n "
          + "FROM generate_series(1, " + days + ") n");
      s.execute("ANALYZE");
    }
    System.out.printf(Locale.ROOT, "filled in %.0f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private DashboardPageBench() {}

}
