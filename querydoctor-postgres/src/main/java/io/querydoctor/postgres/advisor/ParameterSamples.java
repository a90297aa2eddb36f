package io.querydoctor.postgres.advisor;

import io.querydoctor.core.sql.PostgresLexer;
import io.querydoctor.core.sql.PostgresLexer.Kind;
import io.querydoctor.core.sql.PostgresLexer.Lexeme;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Statements with their literal values, by fingerprint, for planning pg_stat_statements' {@code $n} texts with the
 * values an application really sent instead of as generic plans.
 *
 * <p>Why: a generic plan estimates {@code l_shipdate < $1} with PostgreSQL's default selectivities (a third of the
 * rows for an inequality, 0.5 % for a range between two parameters, 0.5 % for {@code LIKE $1}), the same text with
 * a literal with the column's statistics; the two can favour different indexes. A sample is one real execution's
 * text (the server's log): it plans as the statement ran at least once, which is what the literal texts given by
 * {@code --workload} do. Samples are only planned and parsed, never shown: reports keep the normalized text.
 *
 * <p>pg_stat_statements replaces every constant, also those written into the SQL ({@code status = 'active'}),
 * which a partial index may rely on. So the samples of one fingerprint are compared value by value: a value that
 * was the same in at least two samples and in every one is a constant, as in a literal text ({@link #constantsOf});
 * one that differed, or was seen once, is a parameter. One sighting proves nothing constant, and a value seen once
 * (an e-mail address) must not end up in a partial index's DDL.
 *
 * <p>Bounded: the first sample of each fingerprint is kept, at most {@link #MAX} fingerprints.
 */
public final class ParameterSamples {

  /** Fingerprints kept: far more than the advisor's top statements, bounded for a log of millions of shapes. */
  static final int MAX = 10_000;

  private static final Set<Kind> LITERALS = Set.of(Kind.STRING, Kind.ESCAPE_STRING, Kind.UNICODE_STRING,
      Kind.BIT_STRING, Kind.DOLLAR_STRING, Kind.NUMBER);

  /** A statement with literal values and where it was read ({@code the server log}). */
  public record Sample(String sql, String source) {}

  /** The first sample of a fingerprint, its literals, and which of them later samples changed. */
  private static final class Seen {
    final Sample sample;
    final List<Lexeme> literals;
    final BitSet varying = new BitSet();
    int count = 1;

    Seen(Sample sample, List<Lexeme> literals) {
      this.sample = sample;
      this.literals = literals;
    }
  }

  private final SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  private final Map<String, Seen> byFingerprint = new LinkedHashMap<>();

  public static ParameterSamples none() {
    return new ParameterSamples();
  }

  /**
   * Keeps {@code sql} as the sample of its fingerprint when it has literal values and none is kept yet, and notes
   * which values differ from the kept one; a text with {@code $n} parameters (a prepared statement's log line) is
   * no sample.
   */
  public void offer(String sql, String source) {
    if (sql == null) {
      return;
    }
    List<Lexeme> lexemes = PostgresLexer.lex(sql);
    if (lexemes.stream().anyMatch(lexeme -> lexeme.kind() == Kind.PARAMETER)) {
      return;
    }
    String key = key(sql, lexemes);
    List<Lexeme> literals = lexemes.stream().filter(lexeme -> LITERALS.contains(lexeme.kind())).toList();
    Seen seen = byFingerprint.get(key);
    if (seen == null) {
      if (byFingerprint.size() < MAX) {
        byFingerprint.put(key, new Seen(new Sample(sql, source), literals));
      }
      return;
    }
    seen.count++;
    if (literals.size() != seen.literals.size()) {
      // An IN list of another length: positions no longer line up, so no value is known to be constant.
      seen.varying.set(0, seen.literals.size());
      return;
    }
    for (int i = 0; i < literals.size(); i++) {
      if (!literals.get(i).text(sql).equals(seen.literals.get(i).text(seen.sample.sql()))) {
        seen.varying.set(i);
      }
    }
  }

  /** The sample of {@code sql}'s fingerprint. */
  public Optional<Sample> of(String sql) {
    return Optional.ofNullable(byFingerprint.get(key(sql, PostgresLexer.lex(sql)))).map(seen -> seen.sample);
  }

  /**
   * {@code sql}'s sample with the values that varied between samples as {@code $n} parameters and the others as
   * they were: the text whose constant filters may become partial indexes. {@code sql} itself without at least
   * two samples.
   */
  public String constantsOf(String sql) {
    Seen seen = byFingerprint.get(key(sql, PostgresLexer.lex(sql)));
    if (seen == null || seen.count < 2) {
      return sql;
    }
    String text = seen.sample.sql();
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int i = seen.varying.nextSetBit(0); i >= 0; i = seen.varying.nextSetBit(i + 1)) {
      Lexeme literal = seen.literals.get(i);
      out.append(text, copied, literal.start()).append('$').append(i + 1);
      copied = literal.end();
    }
    return out.append(text, copied, text.length()).toString();
  }

  public int size() {
    return byFingerprint.size();
  }

  /**
   * The fingerprint of {@code sql} with an {@code extract} field written as pg_stat_statements writes it (14+
   * keeps the field as a constant and replaces it: {@code extract($1 from …)}), so that a logged text and its
   * normalized one meet; the fingerprinter itself leaves the field alone, being an identifier.
   */
  private String key(String sql, List<Lexeme> lexemes) {
    StringBuilder out = new StringBuilder(sql.length());
    int copied = 0;
    List<Lexeme> code = new ArrayList<>();
    for (Lexeme lexeme : lexemes) {
      if (lexeme.kind() != Kind.WHITESPACE && lexeme.kind() != Kind.LINE_COMMENT
          && lexeme.kind() != Kind.BLOCK_COMMENT) {
        code.add(lexeme);
      }
    }
    for (int i = 0; i + 3 < code.size(); i++) {
      if (isWord(sql, code.get(i), "extract") && code.get(i + 1).text(sql).equals("(")
          && code.get(i + 2).kind() == Kind.IDENTIFIER && isWord(sql, code.get(i + 3), "from")) {
        out.append(sql, copied, code.get(i + 2).start()).append("$1");
        copied = code.get(i + 2).end();
      }
    }
    return fingerprinter.fingerprint(out.append(sql, copied, sql.length()).toString()).id();
  }

  private static boolean isWord(String sql, Lexeme lexeme, String word) {
    return lexeme.kind() == Kind.IDENTIFIER && lexeme.text(sql).equalsIgnoreCase(word);
  }
}
