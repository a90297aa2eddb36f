package io.querydoctor.postgres.advisor;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.core.sql.PostgresLexer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Statements with their literal values, by fingerprint, for planning pg_stat_statements' {@code $n} texts with the
 * values an application really sent instead of as generic plans.
 *
 * <p>Why: a generic plan estimates {@code l_shipdate < $1} with PostgreSQL's default selectivities (a third of the
 * rows for an inequality, 0.5 % for a range between two parameters, 0.5 % for {@code LIKE $1}), the same text with
 * a literal with the column's statistics; the two can favour different indexes. A sample is one real execution's
 * text (the server's log, a capture with literals): it plans like the statement ran at least once, which is what
 * the literal texts given by {@code --workload} do. Samples are only planned, never shown: reports keep the
 * normalized text. Bounded: the first sample of each fingerprint is kept, at most {@link #MAX} fingerprints.
 */
public final class ParameterSamples {

  /** Fingerprints kept: far more than the advisor's top statements, bounded for a log of millions of shapes. */
  static final int MAX = 10_000;

  /** A statement with literal values and where it was read ({@code the server log}). */
  public record Sample(String sql, String source) {}

  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  private final Map<String, Sample> byFingerprint = new LinkedHashMap<>();

  public static ParameterSamples none() {
    return new ParameterSamples();
  }

  /**
   * Keeps {@code sql} as the sample of its fingerprint when it has literal values and none is kept yet; a text
   * with {@code $n} parameters (a prepared statement's log line) is no sample.
   */
  public void offer(String sql, String source) {
    if (sql == null || byFingerprint.size() >= MAX || hasParameters(sql)) {
      return;
    }
    byFingerprint.putIfAbsent(fingerprinter.fingerprint(sql).id(), new Sample(sql, source));
  }

  /** The sample of {@code sql}'s fingerprint. */
  public Optional<Sample> of(String sql) {
    return Optional.ofNullable(byFingerprint.get(fingerprinter.fingerprint(sql).id()));
  }

  public int size() {
    return byFingerprint.size();
  }

  private static boolean hasParameters(String sql) {
    for (PostgresLexer.Lexeme lexeme : PostgresLexer.lex(sql)) {
      if (lexeme.kind() == PostgresLexer.Kind.PARAMETER) {
        return true;
      }
    }
    return false;
  }
}
