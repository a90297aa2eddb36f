package io.querydoctor.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.demo.data.DemoScale;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard of {@code querydoctor demo --monitor} ({@link DashboardDemo}: the embedded PostgreSQL, the demo
 * workload, the monitor, the dashboard) in headless Chromium: every page loads with the demo's data, no console
 * message, no request to another host, the charts drawn; hostile names and SQL planted in the store show as text;
 * auth and CSRF are enforced over HTTP. Screenshots go to target/dashboard-it. Browser tests skip, saying why,
 * without Chromium.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class DashboardBrowserIT {

  static final Path WORK = Path.of("target", "dashboard-it");
  static final String SCRIPT = "<script>document.body.setAttribute('data-pwned','1')</script>";
  static final String IMG = "\"><img src=x onerror=document.body.setAttribute('data-pwned','2')>";
  static final String HOSTILE = SCRIPT + IMG + "'quoted' " + "x".repeat(3000);

  static final Pattern BROWSER_SERVICE = Pattern.compile(
      "^https?://(clients\\d*\\.google\\.com/|accounts\\.google\\.com/ListAccounts|www\\.google\\.com/async/"
          + "|[a-z-]+\\.googleapis\\.com/|[a-z0-9.-]+\\.gvt1\\.com/)");

  private static DashboardDemo demo;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static synchronized DashboardDemo demo(TestDatabase db) throws Exception {
    if (demo == null) {
      Files.createDirectories(WORK);
      demo = DashboardDemo.start(db.server(), new DemoScale(0.1), "127.0.0.1", 0, Duration.ofSeconds(4),
          ProgressListener.NONE);
      waitForSamples(3);
      demo.sampleNow();
      screenshots();
      plantHostileRows();
    }
    return demo;
  }

  @AfterAll
  static void stop() throws Exception {
    if (demo != null) {
      demo.close();
      demo = null;
    }
  }

  /** Lets the monitor take a few samples of the workload running in a loop, so charts have lines. */
  private static void waitForSamples(int wanted) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Connection c = demo.storeConnection(); Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (var rs = s.executeQuery("SELECT count(*) FROM qd_monitor.sample WHERE ok AND interval_start IS NOT NULL")) {
          rs.next();
          if (rs.getInt(1) >= wanted) {
            return;
          }
        }
        Thread.sleep(500);
      }
    }
    throw new AssertionError("the monitor took fewer than " + wanted + " samples in 60 s");
  }

  /** Every page as the demo shows it, before the hostile rows are planted (docs/dashboard.md uses some). */
  private static void screenshots() throws Exception {
    var found = Chromium.find(WORK);
    if (found.isEmpty()) {
      return;
    }
    for (String page : List.of("overview", "queries", "findings", "indexes", "space", "connections", "maintenance",
        "alerts", "deploys")) {
      Path png = WORK.resolve(page + ".png");
      found.get().screenshot("http://127.0.0.1:" + demo.port() + "/" + (page.equals("overview") ? "" : page), png);
      assertThat(Files.size(png)).as(page).isGreaterThan(20_000);
    }
    String queries = found.get().load("http://127.0.0.1:" + demo.port() + "/queries").dom();
    Path png = WORK.resolve("query.png");
    found.get().screenshot("http://127.0.0.1:" + demo.port() + "/queries/" + queryIdOf(queries,
        "SELECT id, title, created_at FROM posts WHERE user_id = $1</a>"), png);
    assertThat(Files.size(png)).isGreaterThan(20_000);
  }

  /** Hostile text in every kind of row a page shows. */
  private static void plantHostileRows() throws Exception {
    try (Connection c = demo.storeConnection(); Statement s = c.createStatement()) {
      String target = "(SELECT target FROM qd_monitor.counter_state LIMIT 1)";
      String h = "'" + HOSTILE.replace("'", "''") + "'";
      s.execute("INSERT INTO qd_monitor.finding (target, key, rule_id, severity, title, finding, first_seen, last_seen)"
          + " SELECT target, 'hostile:' || " + h + ", 'unused-index', 'high', " + h + ", jsonb_build_object('title', "
          + h + ", 'detail', " + h + ", 'fix', jsonb_build_object('kind', 'SQL', 'summary', " + h + ", 'sql', " + h
          + ")), max(last_seen), max(last_seen) FROM qd_monitor.finding GROUP BY target");
      s.execute("INSERT INTO qd_monitor.statement_text (target, queryid, query) SELECT " + target + ", 4242, 'SELECT "
          + HOSTILE.replace("'", "''''") + "'");
      s.execute("INSERT INTO qd_monitor.statement_delta (sample_id, queryid, query, calls, total_exec_ms, rows, "
          + "shared_blks_hit, shared_blks_read, temp_blks_written) SELECT max(id), 4242, NULL, 5, 50000, 5, 0, 0, 0 "
          + "FROM qd_monitor.sample");
      s.execute("INSERT INTO qd_monitor.relation_snapshot (target, at, kind, name, table_name, bytes, scans, "
          + "live_tuples, dead_tuples, mods_since_analyze, xid_age, options, valid) SELECT target, max(at), 'table', "
          + h + ", " + h + ", 1, 0, 1, 1, 1, 1, " + h + ", true FROM qd_monitor.relation_snapshot GROUP BY target");
      s.execute("INSERT INTO qd_monitor.relation_snapshot (target, at, kind, name, table_name, bytes, scans, options, "
          + "valid) SELECT target, max(at), 'index', " + h + ", " + h + ", 1, 0, " + h + ", false "
          + "FROM qd_monitor.relation_snapshot GROUP BY target");
      s.execute("INSERT INTO qd_monitor.session_snapshot (target, at, pid, usename, application_name, client, state, "
          + "xact_age_s, state_age_s, blocked_by, query) SELECT target, max(at), 999999, " + h + ", " + h + ", 'local',"
          + " 'idle in transaction', 45, 40, '{}', " + h + " FROM qd_monitor.session_snapshot GROUP BY target");
      // The dashboard samples sessions every interval: keep the planted one in the latest snapshot.
      s.execute("UPDATE qd_monitor.session_snapshot SET at = now() + interval '1 day' WHERE pid = 999999");
      s.execute("INSERT INTO qd_monitor.alert (target, rule, subject, severity, state, value, summary, detail, "
          + "started_at, updated_at) SELECT " + target + ", 'slow-query', 'fingerprint:4242', 'medium', 'firing', 1, "
          + h + ", " + h + ", now(), now()");
      s.execute("INSERT INTO qd_monitor.deploy_mark (at, label) VALUES (now() - interval '1 minute', " + h + ")");
      s.execute("INSERT INTO qd_monitor.index_suggestion (target, rank, table_name, columns, ddl, bytes, "
          + "write_cost_per_hour, statements_helped, cost_before, cost_after) SELECT " + target + ", 999, " + h + ", "
          + h + ", " + h + ", 1, 1, 1, 2, 1");
    }
  }

  private static Chromium chromium() throws Exception {
    Files.createDirectories(WORK);
    var found = Chromium.find(WORK);
    assumeTrue(found.isPresent(), "chromium is not installed (apt-get install chromium): browser test skipped");
    return found.get();
  }

  private static Chromium.Load load(Chromium chromium, String path) throws Exception {
    String url = "http://127.0.0.1:" + demo.port() + path;
    Chromium.Load load = chromium.load(url);
    assertThat(load.dom()).as(path).contains("<main>").doesNotContain("data-errors=").doesNotContain("data-pwned=")
        .doesNotContain("<img");
    assertThat(load.console()).as("console of " + path).isEmpty();
    // Chromium's own background services (network time, account list, search prefetch) call google.com whatever
    // the page is; every other request must be to the dashboard itself (the CSP also forbids any other host).
    assertThat(load.requested().stream().filter(u -> !BROWSER_SERVICE.matcher(u).find()).toList())
        .as("requests of " + path).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith("http://127.0.0.1:" + demo.port() + "/"));
    return load;
  }

  @Test
  void everyPageLoadsWithTheDemosDataAndHostileTextStaysText(TestDatabase db) throws Exception {
    demo(db);
    Chromium chromium = chromium();
    String overview = load(chromium, "/").dom();
    assertThat(overview).contains("Firing alerts", "Findings (latest diagnosis)", "Connections", "Cache hit rate")
        .contains("status critical");
    String findings = load(chromium, "/findings").dom();
    assertThat(findings).contains("duplicate-index", "missing-fk-index", "CREATE INDEX")
        .contains("&lt;script&gt;document.body.setAttribute");
    String queries = load(chromium, "/queries").dom();
    assertThat(queries).contains("FROM posts WHERE user_id = $1", "<polyline points=")
        .contains("&lt;script&gt;document.body.setAttribute");
    long nPlusOne = queryIdOf(queries, "SELECT id, title, created_at FROM posts WHERE user_id = $1</a>");
    String detail = load(chromium, "/queries/" + nPlusOne).dom();
    assertThat(detail).containsPattern("<canvas id=\"chart-calls\"[^>]*data-drawn=\"true\"")
        .contains("data-charts-drawn=\"4\"").contains("class=\"tree\"").contains("on posts")
        .contains("demo workload started");
    for (String page : List.of("indexes", "space", "connections", "maintenance", "alerts", "deploys")) {
      String dom = load(chromium, "/" + page).dom();
      assertThat(dom).as(page).contains("&lt;script&gt;document.body.setAttribute");
      if (page.equals("maintenance")) {
        assertThat(dom).contains("posts", "users");
      } else if (page.equals("space")) {
        assertThat(dom).contains("data-drawn=\"true\"");
      }
    }
    assertThat(load(chromium, "/queries/4242").dom()).contains("&lt;script&gt;");
  }

  /** The hourly index advisor ran at start (the demo database is a declared sandbox) and chose the N+1's index. */
  @Test
  void indexesPageAndApiListTheAdvisorsSuggestionWithItsDdl(TestDatabase db) throws Exception {
    demo(db);
    String base = "http://127.0.0.1:" + demo.port();
    String api = get(base + "/api/indexes", Map.of()).body();
    assertThat(api).contains("Advisor suggestions")
        .containsPattern("CREATE INDEX CONCURRENTLY posts_user_id\\w*_idx ON [\\w.]*posts \\(user_id");
    String page = get(base + "/indexes", Map.of()).body();
    assertThat(page).contains("Advisor suggestions", "write cost/h", "statements helped")
        .containsPattern("CREATE INDEX CONCURRENTLY posts_user_id\\w*_idx ON [\\w.]*posts \\(user_id")
        .contains("&lt;script&gt;document.body.setAttribute").doesNotContain(SCRIPT);
  }

  private static long queryIdOf(String dom, String linkEnd) {
    Matcher m = Pattern.compile("href=\"/queries/(-?\\d+)\\?[^\"]*\">" + Pattern.quote(linkEnd)).matcher(dom);
    assertThat(m.find()).as("link to " + linkEnd).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void apiServesEveryPagesDataAndPostsNeedTheCsrfToken(TestDatabase db) throws Exception {
    demo(db);
    String base = "http://127.0.0.1:" + demo.port();
    for (String page : List.of("overview", "queries", "findings", "indexes", "space", "connections", "maintenance",
        "alerts", "deploys")) {
      HttpResponse<String> r = get(base + "/api/" + page, Map.of());
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.body()).startsWith("{\"id\":");
      assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(DashboardServer.CSP);
    }
    assertThat(post(base + "/api/deploys", "{\"label\":\"v2\"}", null).statusCode()).isEqualTo(403);
    String csrf = get(base + "/api/csrf", Map.of()).body().replaceAll(".*\"csrf\":\"([^\"]+)\".*", "$1");
    assertThat(post(base + "/api/deploys", "{\"label\":\"v2 from the API\"}", csrf).statusCode()).isEqualTo(201);
    assertThat(get(base + "/api/deploys", Map.of()).body()).contains("v2 from the API");
    assertThat(post(base + "/connections/terminate", "", csrf).statusCode()).isEqualTo(403);
    HttpResponse<String> explain = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/queries/4242/explain"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
            "csrf=" + csrf + "&db=nope")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(explain.statusCode()).isEqualTo(400);

    // Explain now: the N+1 statement's generic plan, read-only, as a tree.
    String target = get(base + "/api/overview", Map.of()).body().replaceAll(".*?\"target\":\"([^\"]+)\".*", "$1");
    long nPlusOne = queryIdOf(get(base + "/queries", Map.of()).body(),
        "SELECT id, title, created_at FROM posts WHERE user_id = $1</a>");
    HttpResponse<String> plan = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/queries/" + nPlusOne
        + "/explain")).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers
        .ofString("csrf=" + csrf + "&db=" + java.net.URLEncoder.encode(target, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(plan.statusCode()).isEqualTo(200);
    assertThat(plan.body()).contains("class=\"tree\"", "Scan", "posts", "nothing ran");
  }

  @Test
  void aTokenIsRequiredWhenGivenAndPublicAddressesRefuseWithoutOne(TestDatabase db) throws Exception {
    demo(db);
    assertThatThrownBy(() -> DashboardAccess.forAddress(InetAddress.getByName("0.0.0.0"), null, false))
        .hasMessageContaining("--auth-token-env");
    assertThat(DashboardAccess.forAddress(InetAddress.getByName("0.0.0.0"), "t", false)).isNotNull();
    assertThat(DashboardAccess.forAddress(InetAddress.getByName("0.0.0.0"), null, true)).isNotNull();
    try (DashboardStore store = new DashboardStore(demo::storeConnection);
        DashboardServer server = DashboardServer.start("127.0.0.1", 0, store, null,
            new DashboardActions(store, List.of(), false), "s3cret", false, Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + server.port();
      assertThat(get(base + "/", Map.of()).statusCode()).isEqualTo(401);
      assertThat(get(base + "/", Map.of("Authorization", "Bearer wrong")).statusCode()).isEqualTo(401);
      assertThat(get(base + "/static/dashboard.js", Map.of()).statusCode()).isEqualTo(401);
      HttpResponse<String> ok = get(base + "/queries", Map.of("Authorization", "Bearer s3cret"));
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("<h1>Queries</h1>");
      String basic = "Basic " + Base64.getEncoder().encodeToString("me:s3cret".getBytes(StandardCharsets.UTF_8));
      assertThat(get(base + "/findings", Map.of("Authorization", basic)).statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String json, String csrf) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
