package io.querydoctor.monitor.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querydoctor.monitor.alert.Alert;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A generic JSON webhook: {@code {"text": "...", "alerts": [...]}}. The {@code text} field is what a Slack (or
 * Mattermost, Rocket.Chat) incoming webhook displays; {@code alerts} carries the structured fields for
 * anything else. docs/monitor.md shows the payload.
 */
public final class WebhookNotifier implements Notifier {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;

  public WebhookNotifier(URI endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public String body(List<Alert> alerts, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", alerts.stream().map(WebhookNotifier::line).collect(Collectors.joining("\n")));
    ArrayNode items = root.putArray("alerts");
    for (Alert alert : alerts) {
      ObjectNode item = items.addObject();
      item.put("id", alert.id());
      item.put("rule", alert.rule().id());
      item.put("state", alert.state().label());
      item.put("severity", alert.severity().label());
      item.put("target", alert.target());
      item.put("subject", alert.subject().toString());
      item.put("value", alert.value());
      item.put("threshold", alert.rule().threshold());
      item.put("summary", alert.summary());
      item.put("fix", alert.rule().fix());
      item.put("startsAt", alert.startedAt().toString());
      item.put("updatedAt", alert.updatedAt().toString());
    }
    return root.toString();
  }

  private static String line(Alert alert) {
    return "[" + alert.state().label().toUpperCase(java.util.Locale.ROOT) + "] " + alert.severity().label() + " "
        + alert.rule().id() + ": " + alert.summary() + (alert.state().open() ? " Fix: " + alert.rule().fix() : "");
  }
}
