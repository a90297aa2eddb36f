package io.querydoctor.monitor.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The links of one rendered page: every link keeps the selected database and time range, so the choice
 * survives navigation without cookies or JavaScript.
 *
 * @param path the page's own path (e.g. {@code /queries})
 * @param target the selected database, or null
 * @param search the text of the search box, or null when the page has none
 */
public record PageLinks(String path, String target, String range, String search) {

  /** The time ranges offered in the selector. */
  public static final List<String> RANGES = List.of("1h", "6h", "24h", "7d", "30d");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One navigation entry. */
  public record Nav(String id, String label, String href) {}

  public List<Nav> nav() {
    return List.of(new Nav("overview", "Overview", page("")), new Nav("queries", "Queries", page("queries")),
        new Nav("findings", "Findings", page("findings")), new Nav("indexes", "Indexes", page("indexes")),
        new Nav("space", "Space", page("space")), new Nav("connections", "Connections & locks",
            page("connections")), new Nav("maintenance", "Maintenance", page("maintenance")),
        new Nav("alerts", "Alerts", page("alerts")), new Nav("deploys", "Deploys", page("deploys")));
  }

  /** The page {@code name} ("" for the overview) with the current database and range. */
  public String page(String name) {
    return "/" + name + selection();
  }

  /** This page sorted by {@code column}. */
  public String sortedBy(String column) {
    return path + selection() + "&sort=" + encode(column) + (search == null || search.isEmpty() ? ""
        : "&q=" + encode(search));
  }

  /** {@code ?db=…&range=…}. */
  public String selection() {
    return "?range=" + encode(range) + (target == null ? "" : "&db=" + encode(target));
  }

  /** A chart as JSON for its {@code data-chart} attribute (the template escapes it as an attribute value). */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write chart data", e);
    }
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
