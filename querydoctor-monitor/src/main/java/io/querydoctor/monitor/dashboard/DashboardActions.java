package io.querydoctor.monitor.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.querydoctor.monitor.DurationText;
import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.postgres.plan.ExplainResult;
import io.querydoctor.postgres.plan.PgExplainer;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard's state-changing requests, all POSTs that {@link DashboardServer} has checked for the CSRF token:
 * suppress a finding, acknowledge or silence an alert, explain a statement now (plain EXPLAIN of its generic
 * plan through the read-only executor: nothing runs), record a deploy mark, and (only with {@code
 * --allow-cancel}) cancel or terminate a backend. Bad input gives a 400 with one line.
 */
public final class DashboardActions {

  /** What a POST did: a page to show, or a redirect, or a message with its status. */
  public record Result(int status, String message, String redirect, @com.fasterxml.jackson.annotation.JsonIgnore
      Page page) {}

  private final DashboardStore store;
  private final Map<String, MonitoredTarget> targets;
  private final boolean allowCancel;

  /** @param targets connections for "explain now" and cancel (the dashboard's own, not the sampler's) */
  public DashboardActions(DashboardStore store, List<MonitoredTarget> targets, boolean allowCancel) {
    this.store = store;
    this.targets = targets.stream().collect(Collectors.toMap(MonitoredTarget::name, Function.identity(), (a, b) -> a));
    this.allowCancel = allowCancel;
  }

  public boolean allowCancel() {
    return allowCancel;
  }

  /** Handles {@code request}; null when no action has its path. */
  Result handle(DashboardRequest request, Instant now) throws SQLException {
    String path = request.path();
    try {
      if (path.equals("/findings/suppress")) {
        return suppress(request, now);
      } else if (path.equals("/alerts/acknowledge") || path.equals("/alerts/silence")) {
        return note(request, now, path.endsWith("silence"));
      } else if (path.matches("/queries/-?\\d+/explain")) {
        return explain(request, Long.parseLong(path.split("/")[2]));
      } else if (path.equals("/deploys") || path.equals("/api/deploys")) {
        return deploy(request, now);
      } else if (path.equals("/connections/cancel") || path.equals("/connections/terminate")) {
        return cancel(request, path.endsWith("terminate"));
      }
      return null;
    } catch (IllegalArgumentException e) {
      return new Result(400, DashboardServer.redact(e.getMessage()), null, null);
    }
  }

  private Result suppress(DashboardRequest request, Instant now) throws SQLException {
    String target = required(request, "db");
    String key = required(request, "key");
    String reason = required(request, "reason");
    int found = store.update("""
        INSERT INTO qd_monitor.finding_suppression (target, key, reason, at)
        SELECT target, key, ?, ? FROM qd_monitor.finding WHERE target = ? AND key = ?
        ON CONFLICT (target, key) DO UPDATE SET reason = excluded.reason, at = excluded.at""",
        reason, now, target, key);
    if (found == 0) {
      throw new IllegalArgumentException("no finding with key '" + key + "' on this database");
    }
    return new Result(200, "suppressed " + key, "/findings?db=" + PageLinks.encode(target), null);
  }

  private Result note(DashboardRequest request, Instant now, boolean silence) throws SQLException {
    String target = required(request, "db");
    long alert = number(required(request, "alert"), "alert");
    String reason = required(request, "reason");
    Instant until = null;
    if (silence) {
      Duration length = DurationText.parse(required(request, "for"));
      until = now.plus(length);
    }
    int found = store.update("""
        INSERT INTO qd_monitor.alert_note (alert_id, action, reason, until, at)
        SELECT id, ?, ?, ?, ? FROM qd_monitor.alert WHERE id = ? AND target = ?""",
        silence ? "silence" : "acknowledge", reason, until, now, alert, target);
    if (found == 0) {
      throw new IllegalArgumentException("no alert " + alert + " on this database");
    }
    return new Result(200, (silence ? "silenced " : "acknowledged ") + alert, "/alerts?db=" + PageLinks.encode(target),
        null);
  }

  private Result explain(DashboardRequest request, long queryid) throws SQLException {
    String target = required(request, "db");
    MonitoredTarget connection = targets.get(target);
    if (connection == null) {
      throw new IllegalArgumentException("this dashboard has no connection to " + target);
    }
    String text = new StatementHistory(store).texts(target, List.of(queryid)).get(queryid);
    if (text == null) {
      throw new IllegalArgumentException("no text stored for query id " + queryid);
    }
    ExplainResult result;
    synchronized (connection) {
      try {
        result = new PgExplainer(connection.executor()).explain(text, false, false);
      } catch (SQLException e) {
        connection.disconnect();
        return new Result(422, "EXPLAIN failed: " + DashboardServer.redact(e.getMessage()), null, null);
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (Exception e) {
        connection.disconnect();
        return new Result(502, "cannot connect: " + DashboardServer.redact(e.getMessage()), null, null);
      }
    }
    Page page = new Page("query", "Plan of query " + queryid + " now", target, List.of(target), "24h", List.of(
        Page.Section.text("Statement", Shown.sql(text)),
        new Page.Section("Plan (EXPLAIN, estimates only: nothing ran)", result.note() == null || result.note().isEmpty()
            ? null : Shown.prose(result.note()), List.of(), null, List.of(), List.of(),
            List.of(PlanShapeTree.of(result.plan().root())))));
    return new Result(200, null, null, page);
  }

  private Result deploy(DashboardRequest request, Instant now) throws SQLException {
    String label = request.parameter("label");
    String target = request.parameter("target");
    if (label == null && request.body().startsWith("{")) {
      try {
        JsonNode json = FindingsPage.JSON.readTree(request.body());
        label = json.path("label").asText(null);
        target = json.path("target").asText(null);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("the body is not JSON: {\"label\": \"v1.4.2\", \"target\": optional}");
      }
    }
    if (label == null || label.isBlank() || label.length() > 200) {
      throw new IllegalArgumentException("a deploy mark needs a label (at most 200 characters)");
    }
    store.update("INSERT INTO qd_monitor.deploy_mark (at, label, target) VALUES (?, ?, ?)", now, label.strip(),
        target == null || target.isBlank() ? null : target);
    String db = request.parameter("db");
    return new Result(201, "deploy mark '" + label.strip() + "' recorded", "/deploys" + (db == null ? ""
        : "?db=" + PageLinks.encode(db)), null);
  }

  private Result cancel(DashboardRequest request, boolean terminate) throws SQLException {
    if (!allowCancel) {
      return new Result(403, "cancelling and terminating backends is off; start the monitor with --allow-cancel",
          null, null);
    }
    String target = required(request, "db");
    int pid = (int) number(required(request, "pid"), "pid");
    MonitoredTarget connection = targets.get(target);
    if (connection == null) {
      throw new IllegalArgumentException("this dashboard has no connection to " + target);
    }
    synchronized (connection) {
      try {
        boolean done = connection.executor().queryOne("SELECT " + (terminate ? "pg_terminate_backend"
            : "pg_cancel_backend") + "(?)", rs -> rs.getBoolean(1), pid);
        return new Result(200, (done ? "" : "not ") + (terminate ? "terminated " : "cancelled ") + pid,
            "/connections?db=" + PageLinks.encode(target), null);
      } catch (SQLException e) {
        connection.disconnect();
        return new Result(422, DashboardServer.redact(e.getMessage()), null, null);
      } catch (Exception e) {
        connection.disconnect();
        return new Result(502, "cannot connect: " + DashboardServer.redact(e.getMessage()), null, null);
      }
    }
  }

  private static String required(DashboardRequest request, String name) {
    String value = request.parameter(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value.strip();
  }

  private static long number(String text, String name) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number");
    }
  }
}
