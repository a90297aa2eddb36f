package io.querydoctor.monitor.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.querydoctor.core.finding.Severity;
import java.time.Duration;
import java.util.Objects;

/**
 * One alert rule: when {@code metric} compared with {@code threshold} holds for {@code forDuration}, the alert
 * fires at {@code severity}. Its id is a rule id of the catalog (docs/rules.md), so alerts and findings share ids.
 *
 * @param metric an observation name from {@link Observations} (e.g. {@code idle_in_transaction_seconds})
 * @param title what is wrong, a few words
 * @param fix what to do about it, one or two sentences
 * @param source the runbook line the default threshold comes from
 */
public record AlertRule(String id, String metric, Comparison comparison, double threshold, Unit unit,
    @JsonProperty("for") Duration forDuration, Severity severity, String title, String fix, String source) {

  public AlertRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(forDuration, "for");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    fix = fix == null ? "" : fix;
    source = source == null ? "" : source;
    if (forDuration.isNegative()) {
      throw new IllegalArgumentException("rule " + id + ": 'for' must not be negative");
    }
  }

  public boolean breached(double value) {
    return comparison.breached(value, threshold);
  }
}
