package io.querydoctor.postgres.advisor;

import io.querydoctor.core.sql.PostgresLexer;
import io.querydoctor.core.sql.PostgresLexer.Kind;
import io.querydoctor.core.sql.PostgresLexer.Lexeme;
import java.util.List;
import java.util.Locale;

/**
 * The index a finding's fix proposes, as HypoPG takes it: one {@code CREATE INDEX} statement without
 * {@code CONCURRENTLY} (HypoPG refuses it) and without the terminating {@code ;}. A fix that is more than one
 * statement or not an index is no proposal to check.
 */
final class ProposedIndex {

  private ProposedIndex() {}

  /** The statement for {@code hypopg_create_index}, or null when {@code ddl} is not one CREATE INDEX. */
  static String hypothetical(String ddl) {
    if (ddl == null) {
      return null;
    }
    List<Lexeme> lexemes = PostgresLexer.lex(ddl);
    StringBuilder out = new StringBuilder();
    boolean ended = false;
    int words = 0;
    String first = "";
    String second = "";
    for (Lexeme lexeme : lexemes) {
      String text = lexeme.text(ddl);
      if (lexeme.kind() == Kind.SEMICOLON) {
        ended = true;
        continue;
      }
      if (lexeme.kind() == Kind.WHITESPACE || lexeme.kind() == Kind.LINE_COMMENT
          || lexeme.kind() == Kind.BLOCK_COMMENT) {
        out.append(' ');
        continue;
      }
      if (ended) {
        return null;
      }
      if (lexeme.kind() == Kind.IDENTIFIER && words < 2) {
        if (words == 0) {
          first = text.toUpperCase(Locale.ROOT);
        } else {
          second = text.toUpperCase(Locale.ROOT);
        }
        words++;
      }
      if (lexeme.kind() == Kind.IDENTIFIER && text.equalsIgnoreCase("CONCURRENTLY")) {
        continue;
      }
      out.append(text);
    }
    boolean createIndex = first.equals("CREATE") && (second.equals("INDEX") || second.equals("UNIQUE"));
    return createIndex ? out.toString().replaceAll("\\s+", " ").strip() : null;
  }
}
