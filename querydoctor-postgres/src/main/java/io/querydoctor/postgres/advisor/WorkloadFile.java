package io.querydoctor.postgres.advisor;

import io.querydoctor.core.sql.PostgresLexer;
import io.querydoctor.core.sql.PostgresLexer.Kind;
import io.querydoctor.core.sql.PostgresLexer.Lexeme;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workload given as a file of SQL statements ({@code advise --workload FILE}), so that any tool's workload —
 * the literature's TPC-H queries, statements from another monitor — can be given to the advisor as it is.
 * Statements are separated by {@code ;} (split with PostgreSQL's own lexical rules, so a {@code ;} in a string or
 * a comment does not split). A statement's weight, its calls per hour, is a comment {@code -- weight: 120} before
 * it (default 1: every statement counts the same, as in the index-selection literature).
 */
public final class WorkloadFile {

  private static final Pattern WEIGHT = Pattern.compile("(?i)--\\s*weight\\s*:\\s*([0-9]+(?:\\.[0-9]+)?)");

  private WorkloadFile() {}

  /** The statements of {@code text}; a line comment {@code -- weight: N} sets the weight of the next one. */
  public static List<WorkloadStatement> parse(String text) {
    List<WorkloadStatement> statements = new ArrayList<>();
    double weight = 1;
    int start = -1;
    int end = -1;
    for (Lexeme lexeme : PostgresLexer.lex(text)) {
      if (lexeme.kind() == Kind.LINE_COMMENT) {
        Matcher m = WEIGHT.matcher(lexeme.text(text));
        if (m.find() && start < 0) {
          weight = Double.parseDouble(m.group(1));
        }
      } else if (lexeme.kind() == Kind.SEMICOLON) {
        if (start >= 0) {
          statements.add(new WorkloadStatement(text.substring(start, end).strip(), weight, 0, 1));
        }
        start = -1;
        weight = 1;
      } else if (lexeme.kind() != Kind.WHITESPACE && lexeme.kind() != Kind.BLOCK_COMMENT) {
        if (start < 0) {
          start = lexeme.start();
        }
        end = lexeme.end();
      }
    }
    if (start >= 0) {
      statements.add(new WorkloadStatement(text.substring(start, end).strip(), weight, 0, 1));
    }
    return statements;
  }
}
