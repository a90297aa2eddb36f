package io.querydoctor.monitor.alert;

import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import java.time.Instant;

/**
 * One alert instance: a rule's condition on one subject of one target. What it is about uses the findings
 * model (rule id, subject, severity, fix), so an alert and the finding a diagnosis would report share their
 * id and their key {@code rule:subject}.
 *
 * @param id the store's id
 * @param value the latest observed value, in the rule's unit
 * @param startedAt when the condition was first seen (pending since)
 * @param updatedAt the latest state change or observation
 * @param detail what exactly was observed, when the rule's title is not enough (a finding's title and fix); may be
 *     null
 */
public record Alert(long id, String target, AlertRule rule, Subject subject, Severity severity, AlertState state,
    double value, Instant startedAt, Instant updatedAt, String detail) {

  public Alert withState(AlertState next, double observed, Instant at) {
    return new Alert(id, target, rule, subject, severity, next, observed, startedAt, at, detail);
  }

  public Alert withValue(double observed, Instant at) {
    return new Alert(id, target, rule, subject, severity, state, observed, startedAt, at, detail);
  }

  /** One line: what, where, how much against what threshold. */
  public String summary() {
    if (detail != null) {
      return rule.title() + " on " + target + ": " + detail;
    }
    if (rule.unit() == Unit.BOOLEAN) {
      return rule.title() + " on " + target;
    }
    return rule.title() + " on " + target + (subject.kind().name().equals("DATABASE") ? "" : " (" + subject + ")")
        + ": " + rule.unit().format(value) + " (threshold " + rule.comparison().symbol() + " "
        + rule.unit().format(rule.threshold()) + ")";
  }

  public Fix fix() {
    return Fix.action(rule.fix());
  }

  /** The deduplication key: one open alert per target, rule and subject. */
  public String key() {
    return target + "|" + rule.id() + "|" + subject.kind().name() + ":" + subject.name();
  }
}
