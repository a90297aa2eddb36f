package io.querydoctor.monitor.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One request's path, query parameters and (for a POST) form or JSON body, read once. */
public final class DashboardRequest {

  static final int MAX_BODY = 64 * 1024;

  private final String method;
  private final String path;
  private final Map<String, String> parameters;
  private final String body;
  private final String csrfHeader;

  private DashboardRequest(String method, String path, Map<String, String> parameters, String body,
      String csrfHeader) {
    this.method = method;
    this.path = path;
    this.parameters = parameters;
    this.body = body;
    this.csrfHeader = csrfHeader;
  }

  static DashboardRequest read(HttpExchange exchange) throws IOException {
    Map<String, String> parameters = new HashMap<>();
    parse(exchange.getRequestURI().getRawQuery(), parameters);
    String body = "";
    if (exchange.getRequestMethod().equals("POST")) {
      byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new IllegalArgumentException("request body too large");
      }
      body = new String(bytes, StandardCharsets.UTF_8);
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
        parse(body, parameters);
      }
    }
    return new DashboardRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), parameters, body,
        exchange.getRequestHeaders().getFirst("X-CSRF-Token"));
  }

  /** For tests and the benchmark: a GET of {@code path} with {@code parameters}. */
  public static DashboardRequest get(String path, Map<String, String> parameters) {
    return new DashboardRequest("GET", path, new HashMap<>(parameters), "", null);
  }

  private static void parse(String text, Map<String, String> into) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.putIfAbsent(name, value);
    }
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** A parameter (query string or form), or null. */
  public String parameter(String name) {
    return parameters.get(name);
  }

  public String body() {
    return body;
  }

  /** The CSRF token sent as a form field or as the {@code X-CSRF-Token} header. */
  String csrf() {
    return csrfHeader != null ? csrfHeader : parameters.get("csrf");
  }
}
