package io.querydoctor.monitor.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.querydoctor.core.sql.Credentials;
import io.querydoctor.core.sql.LiteralRedactor;
import io.querydoctor.monitor.metrics.MonitorMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard and {@code /metrics} on the JDK's HTTP server: HTML pages rendered by precompiled jte templates
 * (escaping by default), the same data as JSON under {@code /api/…}, the static script, style and Chart.js from
 * the classpath. Every response carries a strict Content-Security-Policy (scripts and styles only from this
 * origin, no inline script, no request to any other host). Errors reach the browser redacted: literal values and
 * credentials out, as in reports.
 */
public final class DashboardServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final HttpServer server;
  private final ExecutorService executor;

  private DashboardServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on {@code host:port} (port 0: any free port).
   *
   * @param metrics what {@code /metrics} serves, or null for no /metrics
   * @param actions the POST handlers (suppress, silence, explain, deploys, cancel)
   * @throws IllegalArgumentException when a non-loopback address has neither a token nor {@code insecure}
   */
  public static DashboardServer start(String host, int port, DashboardStore store, MonitorMetrics metrics,
      DashboardActions actions, String token, boolean insecure, Clock clock) throws IOException {
    InetAddress address = InetAddress.getByName(host);
    DashboardAccess access = DashboardAccess.forAddress(address, token, insecure);
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 32);
    Handler handler = new Handler(store, metrics, actions, access, clock);
    server.createContext("/", handler::handle);
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread thread = new Thread(r, "querydoctor-dashboard");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.start();
    return new DashboardServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Routes one request. */
  static final class Handler {
    private final DashboardStore store;
    private final MonitorMetrics metrics;
    private final DashboardActions actions;
    private final DashboardAccess access;
    private final Clock clock;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
        "io.querydoctor.monitor.dashboard.templates");
    private final Map<String, PageSource> pages = new LinkedHashMap<>();

    Handler(DashboardStore store, MonitorMetrics metrics, DashboardActions actions, DashboardAccess access,
        Clock clock) {
      this.store = store;
      this.metrics = metrics;
      this.actions = actions;
      this.access = access;
      this.clock = clock;
      pages.put("overview", new OverviewPage());
      pages.put("queries", new QueriesPage());
      pages.put("query", new QueryPage());
      pages.put("findings", new FindingsPage());
      pages.put("indexes", new IndexesPage());
      pages.put("space", new SpacePage());
      pages.put("connections", new ConnectionsPage());
      pages.put("maintenance", new MaintenancePage());
      pages.put("alerts", new AlertsPage());
      pages.put("deploys", new DeploysPage());
    }

    void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        headers(exchange);
        if (!access.authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"querydoctor\", charset=\"UTF-8\"");
          reply(exchange, 401, "text/plain; charset=utf-8", "unauthorized\n");
          return;
        }
        DashboardRequest request;
        try {
          request = DashboardRequest.read(exchange);
        } catch (IllegalArgumentException e) {
          reply(exchange, 413, "text/plain; charset=utf-8", e.getMessage() + "\n");
          return;
        }
        route(exchange, request);
      } catch (RuntimeException e) {
        LOG.warn("dashboard request {} failed", exchange.getRequestURI().getPath(), e);
      }
    }

    private void route(HttpExchange exchange, DashboardRequest request) throws IOException {
      String path = request.path();
      try {
        if (path.startsWith("/static/")) {
          StaticFiles.serve(exchange, path.substring("/static/".length()));
        } else if (path.equals("/metrics") && metrics != null && request.method().equals("GET")) {
          reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
        } else if (request.method().equals("POST")) {
          post(exchange, request);
        } else if (!request.method().equals("GET")) {
          reply(exchange, 405, "text/plain; charset=utf-8", "GET or POST only\n");
        } else if (path.equals("/api/csrf")) {
          reply(exchange, 200, "application/json", PageLinks.json(Map.of("csrf", access.csrfToken())));
        } else {
          boolean api = path.startsWith("/api/") || path.equals("/api");
          String name = pageName(api ? path.substring(4) : path);
          PageSource source = pages.get(name);
          if (source == null) {
            reply(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return;
          }
          Page page = build(source, request);
          if (api) {
            reply(exchange, 200, "application/json", PageLinks.json(page));
          } else {
            html(exchange, 200, page, request);
          }
        }
      } catch (java.sql.SQLException | RuntimeException e) {
        LOG.warn("dashboard page {} failed: {}", path, e.getMessage());
        message(exchange, 500, "This page could not be built", redact(e.getMessage()), "/");
      }
    }

    /** {@code /} is the overview; {@code /queries/123} the detail page of query id 123. */
    static String pageName(String path) {
      String trimmed = path.replaceAll("^/+|/+$", "");
      if (trimmed.isEmpty()) {
        return "overview";
      }
      if (trimmed.matches("queries/-?\\d+")) {
        return "query";
      }
      return trimmed;
    }

    Page build(PageSource source, DashboardRequest request) throws java.sql.SQLException {
      List<String> targets = store.targets();
      String chosen = request.parameter("db");
      String target = chosen != null && targets.contains(chosen) ? chosen : targets.isEmpty() ? null : targets.get(0);
      PageContext context = new PageContext(store, target, targets, TimeRange.parse(request.parameter("range"),
          clock.instant()), request, clock.instant(), actions != null && actions.allowCancel());
      if (target == null) {
        return context.page("overview", "No history yet", List.of(Page.Section.text(null,
            "The monitor has not stored a sample yet; pages fill in after its first interval.")));
      }
      return source.build(context);
    }

    /** The HTML of a GET page, as the browser would get it (the page-render benchmark times this). */
    String renderHtml(DashboardRequest request) throws java.sql.SQLException {
      String path = request.path();
      Page page = build(pages.get(pageName(path)), request);
      StringOutput output = new StringOutput();
      templates.render("page.jte", Map.of("page", page, "links", new PageLinks(path, page.target(), page.range(),
          searchOf(page, request)), "csrf", access.csrfToken()), output);
      return output.toString();
    }

    private void post(HttpExchange exchange, DashboardRequest request) throws IOException, java.sql.SQLException {
      if (!access.csrfValid(request.csrf())) {
        reply(exchange, 403, "text/plain; charset=utf-8", "missing or wrong CSRF token\n");
        return;
      }
      if (actions == null) {
        reply(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        return;
      }
      DashboardActions.Result result = actions.handle(request, clock.instant());
      if (result == null) {
        reply(exchange, 404, "text/plain; charset=utf-8", "not found\n");
      } else if (request.path().startsWith("/api/")) {
        reply(exchange, result.status(), "application/json", PageLinks.json(result));
      } else if (result.page() != null) {
        html(exchange, result.status(), result.page(), request);
      } else if (result.status() < 300 && result.redirect() != null) {
        exchange.getResponseHeaders().set("Location", result.redirect());
        reply(exchange, 303, "text/plain; charset=utf-8", "done\n");
      } else {
        message(exchange, result.status(), result.status() < 300 ? "Done" : "Refused", result.message(),
            result.redirect() == null ? "/" : result.redirect());
      }
    }

    private void html(HttpExchange exchange, int status, Page page, DashboardRequest request) throws IOException {
      StringOutput output = new StringOutput();
      PageLinks links = new PageLinks(request.path(), page.target(), page.range(), searchOf(page, request));
      templates.render("page.jte", Map.of("page", page, "links", links, "csrf", access.csrfToken()), output);
      reply(exchange, status, "text/html; charset=utf-8", output.toString());
    }

    private static String searchOf(Page page, DashboardRequest request) {
      if (!page.id().equals("queries")) {
        return null;
      }
      String q = request.parameter("q");
      return q == null ? "" : q;
    }

    private void message(HttpExchange exchange, int status, String title, String text, String back)
        throws IOException {
      StringOutput output = new StringOutput();
      templates.render("message.jte", Map.of("title", title, "message", text == null ? "" : text, "back", back),
          output);
      reply(exchange, status, "text/html; charset=utf-8", output.toString());
    }
  }

  /**
   * An error message as a browser may see it: literals and credentials out, as in reports, and the values
   * PostgreSQL quotes in its messages too: a value after a colon ({@code invalid input syntax for type integer:
   * "…"}) and a key's values in a detail ({@code Key (email)=(…)}). Identifiers it quotes elsewhere stay.
   */
  static String redact(String message) {
    if (message == null) {
      return "unknown error";
    }
    String text = LiteralRedactor.prose(Credentials.strip(message));
    return text.replaceAll(":(\\s*)\"(?:[^\"]|\"\")*\"", ":$1\"?\"")
        .replaceAll("\\)=\\((?:[^()]|\\([^()]*\\))*\\)", ")=(?)");
  }

  static void headers(HttpExchange exchange) {
    var h = exchange.getResponseHeaders();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cache-Control", "no-store");
  }

  static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
