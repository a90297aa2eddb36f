package io.querydoctor.monitor.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The dashboard's script and style (resources next to this class) and Chart.js (the webjar the HTML report
 * inlines too): served from the classpath, so the dashboard never asks another host for anything.
 */
final class StaticFiles {

  private static final Map<String, String[]> FILES = Map.of(
      "chart.umd.min.js", new String[] {"META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js",
          "text/javascript; charset=utf-8"},
      "dashboard.js", new String[] {"io/querydoctor/monitor/dashboard/dashboard.js", "text/javascript; charset=utf-8"},
      "dashboard.css", new String[] {"io/querydoctor/monitor/dashboard/dashboard.css", "text/css; charset=utf-8"});

  private StaticFiles() {}

  static void serve(HttpExchange exchange, String name) throws IOException {
    String[] file = FILES.get(name);
    if (file == null) {
      DashboardServer.reply(exchange, 404, "text/plain; charset=utf-8", "not found\n");
      return;
    }
    byte[] bytes;
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(file[0])) {
      if (in == null) {
        throw new IllegalStateException("missing from the classpath: " + file[0]);
      }
      bytes = in.readAllBytes();
    }
    exchange.getResponseHeaders().set("Content-Type", file[1]);
    exchange.getResponseHeaders().set("Cache-Control", "max-age=3600");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
