package io.querydoctor.core.advisor;

import io.querydoctor.core.sql.PostgresLexer;
import io.querydoctor.core.sql.PostgresLexer.Kind;
import io.querydoctor.core.sql.PostgresLexer.Lexeme;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites the places where pg_stat_statements leaves a {@code $n} that SQL parsers do not take: a typed literal
 * whose string became a parameter ({@code date $1}, {@code interval $2 day}, {@code decimal $3}) is written as the
 * cast it means ({@code CAST($1 AS date)}, the interval's unit dropped: only its column matters here), and an
 * {@code extract($4 from x)} whose field became a parameter gets a field back ({@code epoch}). The advisor reads
 * columns and predicates, never values, so nothing it needs is lost. Text in literals and comments is left alone
 * (the lexer is PostgreSQL's own rules). The result is also what PostgreSQL can {@code PREPARE} for a generic plan
 * (the normalized text itself is a syntax error there): the engine's what-if plans it when no sample values exist.
 */
public final class TypedParameters {

  private static final Set<String> TYPES = Set.of("date", "time", "timestamp", "timestamptz", "interval",
      "decimal", "numeric", "integer", "int", "bigint", "smallint", "real", "float", "text", "varchar", "boolean",
      "bool", "uuid", "json", "jsonb");
  private static final Set<String> INTERVAL_FIELDS = Set.of("year", "month", "day", "hour", "minute", "second");

  private TypedParameters() {}

  /** {@code sql} with its typed-literal parameters as casts; {@code sql} itself when it has none. */
  public static String rewrite(String sql) {
    return rewrite(sql, false);
  }

  /**
   * As {@link #rewrite}, for PostgreSQL to {@code PREPARE} for a generic plan: there the field of
   * {@code extract($4 from x)} stays a parameter, {@code date_part(CAST($4 AS text), x)}, because a {@code $n}
   * that no longer appears leaves its type undetermined and the statement unpreparable.
   */
  public static String plannable(String sql) {
    return rewrite(sql, true);
  }

  private static String rewrite(String sql, boolean keepFields) {
    if (sql.indexOf('$') < 0) {
      return sql;
    }
    List<Lexeme> lexemes = PostgresLexer.lex(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    int copied = 0;
    for (int i = 0; i < lexemes.size(); i++) {
      Lexeme lexeme = lexemes.get(i);
      String word = lexeme.kind() == Kind.IDENTIFIER ? lexeme.text(sql).toLowerCase(Locale.ROOT) : "";
      int next = nextCode(lexemes, i + 1);
      if (TYPES.contains(word) && next >= 0 && lexemes.get(next).kind() == Kind.PARAMETER) {
        int end = next;
        int unit = nextCode(lexemes, next + 1);
        if (word.equals("interval") && unit >= 0 && INTERVAL_FIELDS.contains(wordAt(sql, lexemes, unit))) {
          end = unit;
        }
        out.append(sql, copied, lexeme.start()).append("CAST(").append(lexemes.get(next).text(sql)).append(" AS ")
            .append(word).append(')');
        copied = lexemes.get(end).end();
        i = end;
      } else if (word.equals("extract") && next >= 0 && lexemes.get(next).text(sql).equals("(")) {
        int field = nextCode(lexemes, next + 1);
        int from = field < 0 ? -1 : nextCode(lexemes, field + 1);
        if (field >= 0 && lexemes.get(field).kind() == Kind.PARAMETER && from >= 0
            && wordAt(sql, lexemes, from).equals("from")) {
          if (keepFields) {
            out.append(sql, copied, lexeme.start()).append("date_part(CAST(").append(lexemes.get(field).text(sql))
                .append(" AS text),");
            copied = lexemes.get(from).end();
            i = from;
          } else {
            out.append(sql, copied, lexemes.get(field).start()).append("epoch");
            copied = lexemes.get(field).end();
            i = field;
          }
        }
      }
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  /** Index of the next lexeme from {@code i} that is neither whitespace nor a comment, or -1. */
  private static int nextCode(List<Lexeme> lexemes, int i) {
    for (int j = i; j < lexemes.size(); j++) {
      Kind kind = lexemes.get(j).kind();
      if (kind != Kind.WHITESPACE && kind != Kind.LINE_COMMENT && kind != Kind.BLOCK_COMMENT) {
        return j;
      }
    }
    return -1;
  }

  private static String wordAt(String sql, List<Lexeme> lexemes, int i) {
    return lexemes.get(i).kind() == Kind.IDENTIFIER ? lexemes.get(i).text(sql).toLowerCase(Locale.ROOT) : "";
  }
}
