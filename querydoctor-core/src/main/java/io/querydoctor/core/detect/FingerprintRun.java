package io.querydoctor.core.detect;

import io.querydoctor.core.capture.CallSite;
import io.querydoctor.core.capture.StatementEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Function;

/** The statements of one fingerprint (or other key) within one scope, in the order they ran. */
final class FingerprintRun {

  private final String key;
  private final List<StatementEvent> events;
  private int repeated; // 0 not yet known, 1 some values repeat, -1 none do
  // Facts over the run, computed in one pass when first asked (succeeded -1: not yet).
  private int succeeded = -1;
  private long totalNanos;
  private CallSite callSite;
  private boolean differentValues;
  private boolean mayRepeat;

  FingerprintRun(String key, List<StatementEvent> events) {
    this.key = key;
    this.events = events;
  }

  String key() {
    return key;
  }

  List<StatementEvent> events() {
    return events;
  }

  /** Groups {@code statements} that pass {@code filter} by fingerprint id, in order of first appearance. */
  static List<FingerprintRun> byFingerprint(List<StatementEvent> statements, Predicate<StatementEvent> filter) {
    return by(statements, filter, event -> event.fingerprint().id());
  }

  static List<FingerprintRun> by(List<StatementEvent> statements, Predicate<StatementEvent> filter,
      Function<StatementEvent, ?> key) {
    Map<Object, List<StatementEvent>> groups = new LinkedHashMap<>();
    for (StatementEvent event : statements) {
      if (filter.test(event)) {
        groups.computeIfAbsent(key.apply(event), k -> new ArrayList<>()).add(event);
      }
    }
    List<FingerprintRun> runs = new ArrayList<>(groups.size());
    for (List<StatementEvent> events : groups.values()) {
      runs.add(new FingerprintRun(events.get(0).fingerprint().id(), events));
    }
    return runs;
  }

  int count() {
    return events.size();
  }

  StatementEvent first() {
    return events.get(0);
  }

  long totalNanos() {
    total();
    return totalNanos;
  }

  /**
   * The one pass over the run: executions that succeeded, their total time, the first call site, and two
   * facts about their values — whether any differs from the first, and whether two may be equal. The latter
   * sets two bits (of two 64-bit masks) per value, taken from its mixed hash: a value seen before finds both of
   * its bits set. A loop over distinct ids (the usual N+1) is ruled out in the same pass; a false "maybe" (a
   * few % for 10 values) costs the exact check in {@link #hasRepeatedValues}.
   */
  private void total() {
    if (succeeded >= 0) {
      return;
    }
    int ok = 0;
    long total = 0;
    CallSite site = null;
    String firstSql = events.get(0).sql();
    long firstTextHash = textHash(firstSql);
    long firstValue = firstTextHash ^ events.get(0).parameterHash();
    boolean differ = false;
    boolean maybe = false;
    long low = 0;
    long high = 0;
    for (int i = 0; i < events.size(); i++) {
      StatementEvent event = events.get(i);
      if (!event.failed()) {
        ok++;
      }
      total += event.elapsedNanos();
      if (site == null) {
        site = event.callSite();
      }
      // A prepared statement's executions share one String: its hash is then known.
      String sql = event.sql();
      long value = (sql == firstSql ? firstTextHash : textHash(sql)) ^ event.parameterHash();
      differ |= value != firstValue;
      long mixed = value * 0x9E3779B97F4A7C15L;
      long a = 1L << (mixed >>> 58);
      long b = 1L << (mixed >>> 52);
      maybe |= (low & a) != 0 && (high & b) != 0;
      low |= a;
      high |= b;
    }
    totalNanos = total;
    callSite = site;
    differentValues = differ;
    mayRepeat = maybe;
    succeeded = ok;
  }

  /** Identity of an execution's values: its exact text and bound parameters. */
  static ValueKey valueKey(StatementEvent event) {
    return new ValueKey(event.sql(), event.parameterHash());
  }

  record ValueKey(String sql, long parameterHash) {}

  /** Whether some executions ran with other values (text or parameters) than the first. */
  boolean hasDifferentValues() {
    total();
    return differentValues;
  }

  /**
   * Whether two executions ran with the same values. Compared by a 64-bit hash of each (text, parameters), so
   * nothing proportional to SQL is built; pairwise for the few executions of one shape in a request (cheaper
   * than sorting them), sorted beyond that.
   */
  boolean hasRepeatedValues() {
    if (repeated == 0) {
      repeated = findRepeated() ? 1 : -1;
    }
    return repeated > 0;
  }

  private boolean findRepeated() {
    total();
    if (!mayRepeat) {
      return false;
    }
    int n = events.size();
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = valueHash(events.get(i));
    }
    if (n > PAIRWISE_LIMIT) {
      java.util.Arrays.sort(keys);
      for (int i = 1; i < n; i++) {
        if (keys[i] == keys[i - 1]) {
          return true;
        }
      }
      return false;
    }
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (keys[i] == keys[j]) {
          return true;
        }
      }
    }
    return false;
  }

  private static final int PAIRWISE_LIMIT = 32;

  private static long valueHash(StatementEvent event) {
    return textHash(event.sql()) ^ event.parameterHash();
  }

  private static long textHash(String sql) {
    return sql.hashCode() * 0x9E3779B97F4A7C15L;
  }

  /** Executions that did not fail. */
  int succeeded() {
    total();
    return succeeded;
  }

  /** The first call site captured among the executions, or null. */
  CallSite callSite() {
    total();
    return callSite;
  }

  /** A leading block comment of the first statement (Hibernate's {@code use_sql_comments} names the entity). */
  String comment() {
    String sql = first().sql();
    int start = 0;
    while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
      start++;
    }
    if (!sql.startsWith("/*", start)) {
      return null;
    }
    sql = sql.substring(start);
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
