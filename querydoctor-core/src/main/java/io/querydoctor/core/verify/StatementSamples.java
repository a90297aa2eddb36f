package io.querydoctor.core.verify;

import io.querydoctor.core.digest.StatementTables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Executable examples of the workload's query shapes, by fingerprint: what a verification re-runs to measure a
 * fix. They carry literal values, so they stay in memory and are never written out. Sources: statements without
 * parameters from pg_stat_statements, and an application that knows its own queries (the demo). Not thread-safe.
 */
public final class StatementSamples {

  private record Sample(TimedWork work, Set<String> tables) {}

  private final Map<String, Sample> byFingerprint = new LinkedHashMap<>();

  /** Adds {@code work} as the example of {@code fingerprint}; the first example of a fingerprint wins. */
  public StatementSamples add(String fingerprint, TimedWork work) {
    Set<String> tables = new java.util.LinkedHashSet<>();
    for (String statement : work.statements()) {
      StatementTables.read(statement).forEach(t -> tables.add(StatementTables.plain(t)));
      StatementTables.written(statement).forEach(t -> tables.add(StatementTables.plain(t)));
    }
    byFingerprint.putIfAbsent(fingerprint, new Sample(work, tables));
    return this;
  }

  public Optional<TimedWork> of(String fingerprint) {
    return Optional.ofNullable(byFingerprint.get(fingerprint)).map(Sample::work);
  }

  /** The first read example that reads {@code table} (schema and quotes ignored). */
  public Optional<TimedWork> reading(String table) {
    String wanted = StatementTables.plain(table);
    return byFingerprint.values().stream()
        .filter(s -> !s.work().rolledBack() && s.tables().contains(wanted))
        .map(Sample::work).findFirst();
  }

  /**
   * The first read example that reads {@code table} and filters, joins or sorts on {@code column} — one an index
   * led by that column could serve.
   */
  public Optional<TimedWork> filteringOn(String table, String column) {
    String wanted = StatementTables.plain(table);
    return byFingerprint.values().stream()
        .filter(s -> !s.work().rolledBack() && s.tables().contains(wanted) && uses(s.work(), column))
        .map(Sample::work).findFirst();
  }

  /** The example of {@code fingerprint} if it filters, joins or sorts on {@code column}. */
  public Optional<TimedWork> of(String fingerprint, String column) {
    return of(fingerprint).filter(work -> uses(work, column));
  }

  private static boolean uses(TimedWork work, String column) {
    java.util.regex.Pattern after = java.util.regex.Pattern.compile(
        "(?is)\\b(WHERE|ON|BY)\\b.*\\b" + java.util.regex.Pattern.quote(column.replace("\"", "")) + "\\b");
    return work.statements().stream().anyMatch(sql -> after.matcher(sql).find());
  }

  public int size() {
    return byFingerprint.size();
  }
}
