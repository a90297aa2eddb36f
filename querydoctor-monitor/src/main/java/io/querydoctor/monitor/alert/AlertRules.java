package io.querydoctor.monitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.monitor.DurationText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in alert rules, with the runbooks' thresholds, and the overrides a user gives in
 * {@code --alert-rules FILE}: YAML ({@code .yml}/{@code .yaml}) or JSON of the form {@code {"rules": [{"id": "idle-in-transaction",
 * "threshold": 60, "for": "1m"}, {"id": "replication-lag", "enabled": false}, {...a new rule...}]}}. An entry
 * with a built-in id changes only the fields it names; a new id must name metric, comparison, threshold,
 * unit and title.
 */
public final class AlertRules {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private AlertRules() {
  }

  public static List<AlertRule> defaults() {
    return BuiltInRules.ALL;
  }

  /** The defaults with the file's overrides applied. @throws IllegalArgumentException one line saying what is wrong */
  public static List<AlertRule> load(Path file) {
    JsonNode root;
    try {
      root = (isYaml(file) ? YAML : JSON).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read alert rules " + file + ": " + firstLine(e.getMessage()));
    }
    JsonNode entries = root == null ? null : root.get("rules");
    if (entries == null || !entries.isArray()) {
      throw new IllegalArgumentException(file + (isYaml(file) ? ": expected a top-level 'rules:' list"
          : ": expected {\"rules\": [ … ]}"));
    }
    for (JsonNode entry : entries) {
      if (!entry.isObject()) {
        throw new IllegalArgumentException(file + ": every rule is an object with an \"id\", got " + entry);
      }
    }
    return merge(entries, file.toString());
  }

  /** {@code .yml} and {@code .yaml} files are YAML; anything else is JSON. */
  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  static List<AlertRule> merge(JsonNode entries, String origin) {
    Map<String, AlertRule> rules = new LinkedHashMap<>();
    defaults().forEach(r -> rules.put(r.id(), r));
    for (JsonNode entry : entries) {
      String id = entry.path("id").asText(null);
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException(origin + ": every rule needs an \"id\"");
      }
      if (!entry.path("enabled").asBoolean(true)) {
        rules.remove(id);
        continue;
      }
      rules.put(id, override(rules.get(id), (ObjectNode) entry, origin));
    }
    return List.copyOf(new ArrayList<>(rules.values()));
  }

  private static AlertRule override(AlertRule base, ObjectNode entry, String origin) {
    String id = entry.get("id").asText();
    try {
      String metric = text(entry, "metric", base == null ? null : base.metric());
      if (metric == null || !Observations.KNOWN.contains(metric)) {
        throw new IllegalArgumentException("unknown metric '" + metric + "' (known: "
            + String.join(", ", Observations.KNOWN.stream().sorted().toList()) + ")");
      }
      Comparison comparison = entry.has("comparison") ? Comparison.parse(entry.get("comparison").asText())
          : required(base, "comparison").comparison();
      double threshold = entry.has("threshold") ? number(entry.get("threshold"))
          : required(base, "threshold").threshold();
      Unit unit = entry.has("unit") ? Unit.parse(entry.get("unit").asText()) : required(base, "unit").unit();
      Duration forDuration = entry.has("for") ? DurationText.parse(entry.get("for").asText())
          : base == null ? Duration.ZERO : base.forDuration();
      Severity severity = entry.has("severity") ? Severity.parse(entry.get("severity").asText())
          : base == null ? Severity.MEDIUM : base.severity();
      String title = text(entry, "title", base == null ? null : base.title());
      if (title == null) {
        throw new IllegalArgumentException("a new rule needs a \"title\"");
      }
      return new AlertRule(id, metric, comparison, threshold, unit, forDuration, severity, title,
          text(entry, "fix", text(entry, "description", base == null ? "" : base.fix())), text(entry, "source", base == null ? "" : base.source()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + ": rule " + id + ": " + e.getMessage());
    }
  }

  private static AlertRule required(AlertRule base, String field) {
    if (base == null) {
      throw new IllegalArgumentException("a new rule needs \"" + field + "\"");
    }
    return base;
  }

  private static double number(JsonNode node) {
    if (!node.isNumber()) {
      throw new IllegalArgumentException("threshold must be a number, got " + node);
    }
    return node.asDouble();
  }

  private static String text(JsonNode entry, String field, String fallback) {
    return entry.has(field) ? entry.get(field).asText() : fallback;
  }
}
