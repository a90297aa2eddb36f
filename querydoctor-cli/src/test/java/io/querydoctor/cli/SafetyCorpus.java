package io.querydoctor.cli;

import io.querydoctor.core.sql.PostgresLexer;
import java.util.ArrayList;
import java.util.List;

/** Quoting and chaining forms that have made, or could make, one text into several statements. */
final class SafetyCorpus {

  private SafetyCorpus() {}

  /** Ways out of the read-only transaction. */
  static final List<String> ESCAPES = List.of("COMMIT", "END", "ROLLBACK", "ABORT", "COMMIT AND NO CHAIN",
      "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", "SET default_transaction_read_only = off",
      "RESET ALL", "DISCARD ALL", "BEGIN READ WRITE", "START TRANSACTION READ WRITE", "COMMIT; BEGIN READ WRITE",
      "ROLLBACK; SET default_transaction_read_only TO off", "END; START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE");

  /** What an attacker does once out. */
  static final List<String> PAYLOADS = List.of("DELETE FROM accounts", "TRUNCATE payments CASCADE",
      "DROP TABLE payments", "UPDATE accounts SET balance = 0", "INSERT INTO accounts VALUES (999, 'x', 0)",
      "CREATE TABLE pwned (x int)", "ALTER TABLE accounts ADD COLUMN pwned int", "SELECT nextval('payments_id_seq')",
      "SELECT setval('payments_id_seq', 1)", "ALTER DATABASE CURRENT SET default_transaction_read_only = off",
      "CREATE ROLE pwned", "ALTER SYSTEM SET default_transaction_read_only = on",
      "ALTER TABLE accounts DISABLE TRIGGER ALL");

  /** The chain "ESCAPE; PAYLOAD" wrapped in each quoting form; {@code %s} is the chain. */
  static final List<String> WRAPPERS = List.of(
      "SELECT E'\\''; %s; --'",
      "SELECT e'\\'' AS x; %s; -- '",
      "SELECT 1 AS a$b$; %s; -- $b$",
      "SELECT owner AS o$q$ FROM accounts; %s; SELECT $q$",
      "SELECT 1 AS \u00e9$x$; %s; -- $x$",
      "SELECT 1 AS x\u00a0$x$; %s; -- $x$",
      "SELECT '\\'; %s; --'",
      "SELECT U&'\\0041'; %s",
      "SELECT U&\"\\0061\" FROM (SELECT 1 AS a) s; %s",
      "SELECT B'101', X'1F'; %s",
      "SELECT 1 AS \"a\"\"b\"; %s",
      "SELECT 1 /* outer /* inner */ still comment */; %s",
      "SELECT $q$ ; $q$; %s",
      "SELECT $a$ $b$ ; $a$ AS t; %s; SELECT $b$ x $b$",
      "SELECT 'a' -- comment '\n; %s",
      "SELECT E'a'\n'\\'; %s; --'",
      "SELECT 'a'\n'\\'; %s; --'",
      "SELECT '{\"a\":1}'::jsonb ? 'a'; %s",
      "SELECT $1::int; %s",
      "SELECT 1;%s",
      "WITH x AS (SELECT 1) SELECT * FROM x;\n%s;\n");

  /** Statements in {@code sql} as the server's lexical rules count them (code between {@code ;}). */
  static int statements(String sql) {
    int count = 0;
    boolean code = false;
    for (PostgresLexer.Lexeme lexeme : PostgresLexer.lex(sql)) {
      if (lexeme.kind() == PostgresLexer.Kind.SEMICOLON) {
        count += code ? 1 : 0;
        code = false;
      } else if (!lexeme.kind().isBlank()) {
        code = true;
      }
    }
    return count + (code ? 1 : 0);
  }

  /** {@code sql} up to the end of its last token, as the executor sends it. */
  static String withoutTrailingBlanks(String sql) {
    int end = 0;
    for (PostgresLexer.Lexeme lexeme : PostgresLexer.lex(sql)) {
      if (!lexeme.kind().isBlank() && lexeme.kind() != PostgresLexer.Kind.SEMICOLON) {
        end = lexeme.end();
      }
    }
    return sql.substring(0, end);
  }

  /** Each wrapper with the escapes and payloads, not every combination: {@link SafetyCases} mixes the rest. */
  static List<String> fixed() {
    List<String> cases = new ArrayList<>();
    for (int w = 0; w < WRAPPERS.size(); w++) {
      String escape = ESCAPES.get(w % ESCAPES.size());
      String payload = PAYLOADS.get(w % PAYLOADS.size());
      cases.add(String.format(WRAPPERS.get(w), escape + "; " + payload));
    }
    return cases;
  }
}
