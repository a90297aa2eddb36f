package io.querydoctor.monitor.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querydoctor.monitor.alert.Alert;
import io.querydoctor.monitor.alert.AlertState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Prometheus Alertmanager's v2 API ({@code POST /api/v2/alerts}), so that alerts follow a team's existing
 * routing, grouping and silences. Like Prometheus, the monitor re-sends firing alerts periodically with an
 * {@code endsAt} a few intervals ahead: if the monitor dies, Alertmanager resolves them by itself instead of
 * showing them firing forever. A resolved alert is sent with {@code endsAt} = the time it resolved.
 */
public final class AlertmanagerNotifier implements Notifier {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final Duration validFor;

  /**
   * @param base Alertmanager's base URL, e.g. {@code http://alertmanager:9093}
   * @param validFor how long a firing alert stays valid without being re-sent
   */
  public AlertmanagerNotifier(URI base, Duration validFor) {
    String text = base.toString();
    this.endpoint = URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/api/v2/alerts");
    this.validFor = validFor;
  }

  @Override
  public String name() {
    return "alertmanager";
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public boolean repeatsFiring() {
    return true;
  }

  @Override
  public String body(List<Alert> alerts, Instant now) {
    ArrayNode root = JSON.createArrayNode();
    for (Alert alert : alerts) {
      ObjectNode item = root.addObject();
      ObjectNode labels = item.putObject("labels");
      labels.put("alertname", alert.rule().id());
      labels.put("severity", alert.severity().label());
      labels.put("target", alert.target());
      labels.put("subject", alert.subject().kind().label() + ":" + alert.subject().name());
      labels.put("service", "querydoctor");
      ObjectNode annotations = item.putObject("annotations");
      annotations.put("summary", alert.summary());
      annotations.put("description", alert.rule().fix());
      annotations.put("runbook", alert.rule().source());
      item.put("startsAt", alert.startedAt().toString());
      Instant ends = alert.state() == AlertState.FIRING ? now.plus(validFor) : alert.updatedAt();
      item.put("endsAt", ends.toString());
    }
    return root.toString();
  }
}
