package io.querydoctor.core.detect;

import io.querydoctor.core.capture.CallSite;
import io.querydoctor.core.capture.StatementEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Function;

/** The statements of one fingerprint (or other key) within one scope, in the order they ran. */
record FingerprintRun(String key, List<StatementEvent> events) {

  /** Groups {@code statements} that pass {@code filter} by fingerprint id, in order of first appearance. */
  static List<FingerprintRun> byFingerprint(List<StatementEvent> statements, Predicate<StatementEvent> filter) {
    return by(statements, filter, event -> event.fingerprint().id());
  }

  static List<FingerprintRun> by(List<StatementEvent> statements, Predicate<StatementEvent> filter,
      Function<StatementEvent, String> key) {
    Map<String, List<StatementEvent>> groups = new LinkedHashMap<>();
    for (StatementEvent event : statements) {
      if (filter.test(event)) {
        groups.computeIfAbsent(key.apply(event), k -> new ArrayList<>()).add(event);
      }
    }
    return groups.entrySet().stream().map(e -> new FingerprintRun(e.getKey(), e.getValue())).toList();
  }

  int count() {
    return events.size();
  }

  StatementEvent first() {
    return events.get(0);
  }

  long totalNanos() {
    return events.stream().mapToLong(StatementEvent::elapsedNanos).sum();
  }

  int distinctParameterSets() {
    Set<String> seen = new HashSet<>();
    for (StatementEvent event : events) {
      seen.add(event.sql() + '\u0000' + event.parameterHash());
    }
    return seen.size();
  }

  CallSite callSite() {
    return events.stream().map(StatementEvent::callSite).filter(java.util.Objects::nonNull).findFirst()
        .orElse(null);
  }

  /** A leading block comment of the first statement (Hibernate's {@code use_sql_comments} names the entity). */
  String comment() {
    String sql = first().sql().stripLeading();
    if (!sql.startsWith("/*")) {
      return null;
    }
    int end = sql.indexOf("*/");
    if (end < 0) {
      return null;
    }
    String text = sql.substring(2, end).strip();
    return text.length() > 200 ? text.substring(0, 200) : text;
  }

  Detection detection(String ruleId, String scopeName, long scopeNanos, double value) {
    return new Detection(ruleId, scopeName, first().fingerprint().id(), first().fingerprint().normalized(),
        callSite(), comment(), count(), totalNanos(), scopeNanos, value);
  }
}
