package io.querydoctor.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Verification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of the HTML report as data: what each chart shows, built from the report and handed to the page's
 * script as JSON (never concatenated into script code). Chart.js draws them; the canvas draws text as pixels,
 * so labels need no HTML escaping, only the JSON block does ({@link #json}).
 */
final class HtmlCharts {

  /** Bars per chart: more would be unreadable; the tables below have everything. */
  static final int MAX_BARS = 12;
  private static final int LABEL_CHARS = 32;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One chart: its canvas id, caption, and the specification the page script turns into a Chart.js config. */
  record Chart(String id, String caption, ObjectNode spec) {}

  private HtmlCharts() {}

  static List<Chart> of(Report report) {
    List<Chart> charts = new ArrayList<>();
    if (report.workload() != null && !report.workload().digest().shapes().isEmpty()) {
      List<ShapeDigest> shapes = report.workload().digest().shapes().stream()
          .sorted(java.util.Comparator.comparingDouble(ShapeDigest::totalMillis).reversed()).limit(MAX_BARS).toList();
      charts.add(topShapes(shapes));
      charts.add(latency(shapes));
    }
    if (report.workload() != null && report.workload().digest().series().points().size() >= 2) {
      charts.add(timeline(report.workload().digest().series()));
    }
    List<Finding> costly = report.findings().stream()
        .filter(f -> f.impact().millisPerHour() > 0 && f.impact().hasCallRate() && f.impact().perHourShown())
        .limit(MAX_BARS).toList();
    if (!costly.isEmpty()) {
      charts.add(impact(report, costly));
    }
    charts.addAll(verifications(report));
    return charts;
  }

  private static Chart topShapes(List<ShapeDigest> shapes) {
    ObjectNode spec = spec("bar", "y", "total time (ms)", false);
    labels(spec, shapes);
    dataset(spec, "total time (ms)", "#2e86c1", shapes.stream().mapToDouble(ShapeDigest::totalMillis).toArray());
    return new Chart("chart-top-shapes", "Top query shapes by total time", spec);
  }

  private static Chart latency(List<ShapeDigest> shapes) {
    boolean percentiles = shapes.stream().allMatch(s -> s.p50Millis() != null && s.p95Millis() != null
        && s.p99Millis() != null);
    ObjectNode spec = spec("bar", "y", "ms (log scale)", true);
    labels(spec, shapes);
    if (percentiles) {
      dataset(spec, "p50", "#85c1e9", shapes.stream().mapToDouble(ShapeDigest::p50Millis).toArray());
      dataset(spec, "p95", "#2e86c1", shapes.stream().mapToDouble(ShapeDigest::p95Millis).toArray());
      dataset(spec, "p99", "#1b4f72", shapes.stream().mapToDouble(ShapeDigest::p99Millis).toArray());
    } else {
      dataset(spec, "mean", "#85c1e9", shapes.stream().mapToDouble(ShapeDigest::meanMillis).toArray());
      dataset(spec, "max", "#1b4f72", shapes.stream().mapToDouble(ShapeDigest::maxMillis).toArray());
    }
    String caption = percentiles ? "Latency of the top shapes: p50, p95, p99"
        : "Latency of the top shapes: mean and max (the source has no percentiles)";
    return new Chart("chart-latency", caption, spec);
  }

  /** The workload over time: database time per bucket (a minute unless the span was long), from the digest. */
  private static Chart timeline(io.querydoctor.core.digest.Series series) {
    ObjectNode spec = spec("line", "x", "per " + series.bucketMinutes() + " min (log scale)", true);
    List<String> labels = series.points().stream().map(p -> p.start().toString().replace('T', ' ')
        .replaceFirst(":00Z$", "")).toList();
    labels(spec, labels, labels);
    dataset(spec, "database time (ms)", "#2e86c1", series.points().stream()
        .mapToDouble(io.querydoctor.core.digest.Series.Point::totalMillis).toArray());
    dataset(spec, "statements", "#d68910", series.points().stream().mapToDouble(p -> p.calls()).toArray());
    return new Chart("chart-timeline", "Workload over time: database time and statements per "
        + series.bucketMinutes() + " min", spec);
  }

  private static Chart impact(Report report, List<Finding> costly) {
    ObjectNode spec = spec("bar", "y", "database time per hour (ms)", false);
    List<String> labels = costly.stream().map(f -> "#" + (report.findings().indexOf(f) + 1) + " " + f.ruleId() + " "
        + f.subject().name()).toList();
    labels(spec, labels, labels);
    ObjectNode set = dataset(spec, "ms per hour", null, costly.stream().mapToDouble(f -> f.impact().millisPerHour())
        .toArray());
    ArrayNode colours = set.putArray("colors");
    costly.forEach(f -> colours.add(colour(f.severity())));
    return new Chart("chart-impact", "Findings by estimated impact (database time per hour)", spec);
  }

  private static List<Chart> verifications(Report report) {
    Map<String, List<Finding>> byKind = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      if (f.verification() != null) {
        Verification v = f.verification();
        byKind.computeIfAbsent(v.method().label() + " " + v.metric(), k -> new ArrayList<>()).add(f);
      }
    }
    List<Chart> charts = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, List<Finding>> kind : byKind.entrySet()) {
      List<Finding> verified = kind.getValue().stream().limit(MAX_BARS).toList();
      Verification first = verified.get(0).verification();
      boolean measured = first.method() == Verification.Method.MEASURED;
      ObjectNode spec = spec("bar", "x", first.metric() + " (log scale)", true);
      List<String> labels = verified.stream().map(f -> "#" + (report.findings().indexOf(f) + 1) + " " + f.ruleId())
          .toList();
      labels(spec, labels, verified.stream().map(f -> f.ruleId() + " " + f.subject().name()).toList());
      dataset(spec, "before", "#c0392b", verified.stream().mapToDouble(f -> f.verification().before()).toArray());
      dataset(spec, "after", "#27ae60", verified.stream().mapToDouble(f -> f.verification().after()).toArray());
      String caption = "Before/after of verified fixes, " + (measured ? "measured on a sandbox" : "estimated by the "
          + "planner (not measured)") + ": " + first.metric();
      charts.add(new Chart("chart-verification-" + (++n), caption, spec));
    }
    return charts;
  }

  private static ObjectNode spec(String type, String indexAxis, String valueAxisTitle, boolean logarithmic) {
    ObjectNode spec = MAPPER.createObjectNode();
    spec.put("type", type).put("indexAxis", indexAxis).put("valueAxisTitle", valueAxisTitle)
        .put("logarithmic", logarithmic);
    spec.putArray("datasets");
    return spec;
  }

  private static void labels(ObjectNode spec, List<ShapeDigest> shapes) {
    List<String> full = new ArrayList<>();
    List<String> shortLabels = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      String text = shapes.get(i).example().replaceAll("\\s+", " ");
      full.add(text);
      shortLabels.add("#" + (i + 1) + " " + (text.length() <= LABEL_CHARS ? text : text.substring(0, LABEL_CHARS - 1)
          + "…"));
    }
    labels(spec, shortLabels, full);
  }

  private static void labels(ObjectNode spec, List<String> labels, List<String> fullLabels) {
    ArrayNode shown = spec.putArray("labels");
    labels.forEach(shown::add);
    ArrayNode full = spec.putArray("fullLabels");
    fullLabels.forEach(full::add);
  }

  private static ObjectNode dataset(ObjectNode spec, String label, String colour, double[] values) {
    ObjectNode set = ((ArrayNode) spec.get("datasets")).addObject();
    set.put("label", label);
    if (colour != null) {
      set.put("color", colour);
    }
    ArrayNode data = set.putArray("data");
    for (double v : values) {
      data.add(Math.round(v * 1000) / 1000.0);
    }
    return set;
  }

  static String colour(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "#8b0000";
      case HIGH -> "#c0392b";
      case MEDIUM -> "#d68910";
      case LOW -> "#2e86c1";
      case INFO -> "#7f8c8d";
    };
  }

  /**
   * The charts as JSON for a {@code <script type="application/json">} block: {@code <}, {@code >} and
   * {@code &} (and the JavaScript line separators) become {@code \}{@code u} escapes, so no text in it can
   * close the block or open a comment. Outside strings, JSON has none of these characters.
   */
  static String json(List<Chart> charts) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("charts");
    for (Chart chart : charts) {
      ObjectNode entry = chart.spec().deepCopy();
      entry.put("id", chart.id());
      list.add(entry);
    }
    try {
      return MAPPER.writeValueAsString(root).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
          .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chart data cannot be written as JSON", e);
    }
  }
}
