package io.querydoctor.postgres.plan;

import io.querydoctor.core.sql.PostgresLexer;
import io.querydoctor.core.sql.PostgresLexer.Kind;
import io.querydoctor.core.sql.PostgresLexer.Lexeme;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL statement the user wants explained, checked before anything reaches the database.
 *
 * <p>Design note: the checks need to know what is code and what is text, so the statement is lexed once with
 * {@link PostgresLexer} (PostgreSQL's own scanner rules) into a "code mask": the same string with quoted
 * literals, quoted identifiers, dollar-quoted bodies and comments blanked out. The one-statement check reads the
 * lexemes; the word checks (what the statement does) run over the mask, so a {@code ;} or {@code DELETE} inside a
 * string literal neither refuses nor misclassifies a query. It is a lexer, not a parser: classification errs
 * towards "writes". It is also only the first of several guards: the executor sends one statement through the
 * extended query protocol, in a read-only session and transaction (see docs/security.md).
 */
public final class StatementText {

  private static final Pattern WRITE_WORDS = Pattern.compile(
      "\\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|CREATE|DROP|ALTER|GRANT|REVOKE|COPY|CALL|DO|VACUUM|CLUSTER"
          + "|REINDEX|REFRESH|LOCK|INTO|NEXTVAL|SETVAL)\\b");
  private static final Pattern ROW_LOCK = Pattern.compile("\\bFOR\\s+(NO\\s+KEY\\s+UPDATE|UPDATE|SHARE|KEY\\s+SHARE)\\b");
  private static final Pattern FIRST_WORD = Pattern.compile("^[\\s(]*([A-Za-z]+)");

  private final String sql;
  private final String code;

  private StatementText(String sql, String code) {
    this.sql = sql;
    this.code = code;
  }

  /**
   * Checks {@code input} is exactly one statement (trailing {@code ;}, whitespace and comments are allowed) and
   * returns it without them; throws {@link IllegalArgumentException} with a one-line reason otherwise.
   */
  public static StatementText of(String input) {
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("no SQL statement given");
    }
    List<Lexeme> lexemes = PostgresLexer.lex(input);
    refuseUnterminated(input, lexemes);
    int last = lastCode(lexemes);
    if (last < 0) {
      throw new IllegalArgumentException("no SQL statement given");
    }
    for (int k = 0; k < last; k++) {
      if (lexemes.get(k).kind() == Kind.SEMICOLON) {
        throw new IllegalArgumentException("refusing to explain several statements chained with ';': give one statement");
      }
    }
    int end = lexemes.get(last).end();
    int start = lexemes.get(0).kind() == Kind.WHITESPACE ? lexemes.get(0).end() : 0;
    String code = mask(input, lexemes);
    StatementText text = new StatementText(input.substring(start, end), code.substring(start, end));
    if ("EXPLAIN".equals(text.firstWord())) {
      throw new IllegalArgumentException("give the statement itself, not an EXPLAIN of it");
    }
    return text;
  }

  /** Index of the last lexeme the server acts on (not blank, not a {@code ;}), or -1. */
  private static int lastCode(List<Lexeme> lexemes) {
    for (int k = lexemes.size() - 1; k >= 0; k--) {
      Kind kind = lexemes.get(k).kind();
      if (!kind.isBlank() && kind != Kind.SEMICOLON) {
        return k;
      }
    }
    return -1;
  }

  private static void refuseUnterminated(String input, List<Lexeme> lexemes) {
    for (Lexeme lexeme : lexemes) {
      if (!lexeme.terminated()) {
        String what = switch (lexeme.kind()) {
          case QUOTED_IDENTIFIER, UNICODE_IDENTIFIER -> "quoted identifier";
          case BLOCK_COMMENT -> "/* comment";
          case DOLLAR_STRING -> input.substring(lexeme.start(), input.indexOf('$', lexeme.start() + 1) + 1)
              + " quoted text";
          default -> "string literal";
        };
        throw new IllegalArgumentException("unterminated " + what + " starting at character " + (lexeme.start() + 1));
      }
    }
  }

  /** The statement, without a trailing {@code ;}. */
  public String sql() {
    return sql;
  }

  /** The first keyword, upper-case: {@code SELECT}, {@code WITH}, {@code UPDATE}, … */
  public String firstWord() {
    Matcher m = FIRST_WORD.matcher(code);
    return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
  }

  /**
   * True when the statement only reads: a SELECT, VALUES, TABLE or WITH query with no data-modifying word
   * (INSERT/UPDATE/DELETE/MERGE in a CTE, SELECT INTO, nextval) and no row lock ({@code FOR UPDATE}).
   */
  public boolean isReadOnly() {
    String first = firstWord();
    if (!(first.equals("SELECT") || first.equals("WITH") || first.equals("VALUES") || first.equals("TABLE"))) {
      return false;
    }
    String upper = code.toUpperCase(Locale.ROOT);
    return !WRITE_WORDS.matcher(upper).find() && !ROW_LOCK.matcher(upper).find();
  }

  /**
   * True when the statement calls {@code nextval} or {@code setval} by name (plain, quoted or schema-qualified):
   * a sequence they change stays changed when the transaction rolls back.
   */
  public boolean callsSequenceFunction() {
    for (Lexeme lexeme : PostgresLexer.lex(sql)) {
      String name = switch (lexeme.kind()) {
        case IDENTIFIER -> lexeme.text(sql).toLowerCase(Locale.ROOT);
        case QUOTED_IDENTIFIER -> lexeme.text(sql).replace("\"", "");
        default -> "";
      };
      if (name.equals("nextval") || name.equals("setval")) {
        return true;
      }
    }
    return false;
  }

  /** True when the statement has {@code $1}-style parameter markers. */
  public boolean hasPositionalParameters() {
    return PostgresLexer.lex(sql).stream().anyMatch(lexeme -> lexeme.kind() == Kind.PARAMETER);
  }

  /** Rewrites JDBC {@code ?} placeholders (outside literals and comments) as {@code $1, $2, …}. */
  public StatementText withPositionalParameters() {
    StringBuilder out = new StringBuilder(sql.length() + 8);
    StringBuilder outCode = new StringBuilder(code.length() + 8);
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      boolean placeholder = code.charAt(i) == '?' && !isOperatorContext(i);
      if (placeholder) {
        String marker = "$" + (++n);
        out.append(marker);
        outCode.append(marker);
      } else {
        out.append(c);
        outCode.append(code.charAt(i));
      }
    }
    return new StatementText(out.toString(), outCode.toString());
  }

  /** {@code ?|}, {@code ?&} and {@code ??} are operators (jsonb), not placeholders. */
  private boolean isOperatorContext(int i) {
    char next = i + 1 < code.length() ? code.charAt(i + 1) : ' ';
    char previous = i > 0 ? code.charAt(i - 1) : ' ';
    return next == '|' || next == '&' || next == '?' || previous == '?';
  }

  /**
   * The statement with the contents of literals, quoted identifiers and comments blanked to spaces (line breaks
   * kept), same length: what the word checks read, so that text never looks like code.
   */
  static String mask(String sql) {
    return mask(sql, PostgresLexer.lex(sql));
  }

  private static String mask(String sql, List<Lexeme> lexemes) {
    char[] out = sql.toCharArray();
    for (Lexeme lexeme : lexemes) {
      if (lexeme.kind().isQuoted()) {
        for (int k = lexeme.start(); k < lexeme.end(); k++) {
          if (out[k] != '\n') {
            out[k] = ' ';
          }
        }
      }
    }
    return new String(out);
  }
}
