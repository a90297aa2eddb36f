package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementTextTest {

  @Test
  void dropsOneTrailingTerminator() {
    assertThat(StatementText.of("SELECT 1;  \n").sql()).isEqualTo("SELECT 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT 1; SELECT 2", "SELECT 1; DROP TABLE t;", "select 1;--x\ndelete from t"})
  void refusesChainedStatements(String sql) {
    assertThatThrownBy(() -> StatementText.of(sql)).hasMessageContaining("several statements");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT ';' AS x", "SELECT 1 -- a; b\n + 1", "SELECT $$a;b$$", "SELECT $q$;$q$",
      "SELECT \"a;b\" FROM t", "SELECT /* ; /* ; */ */ 1"})
  void semicolonsInTextOrCommentsAreNotStatementBreaks(String sql) {
    assertThat(StatementText.of(sql).sql()).isEqualTo(sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT * FROM t", "  (SELECT 1)", "WITH x AS (SELECT 1) SELECT * FROM x", "VALUES (1)",
      "SELECT 'delete' FROM t", "select 1 -- update\n"})
  void readOnlyStatements(String sql) {
    assertThat(StatementText.of(sql).isReadOnly()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"UPDATE t SET a = 1", "DELETE FROM t", "INSERT INTO t VALUES (1)",
      "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "SELECT * FROM t FOR UPDATE",
      "SELECT * INTO t2 FROM t", "SELECT nextval('s')", "CREATE TABLE t (a int)"})
  void writingStatements(String sql) {
    assertThat(StatementText.of(sql).isReadOnly()).isFalse();
  }

  /** Issue 21: forms a looser lexer read as text, so that the chain after them reached the server. */
  @ParameterizedTest
  @ValueSource(strings = {"SELECT E'\\''; COMMIT; DELETE FROM t; --'", "select e'\\'' as x; end; drop table t; -- '",
      "SELECT 1 AS a$b$; COMMIT; DELETE FROM t; -- $b$", "SELECT 1 AS \u00e9$x$; ROLLBACK; TRUNCATE t; -- $x$",
      "SELECT 1 AS x\u00a0$x$; ABORT; DROP TABLE t; -- $x$", "SELECT '\\'; COMMIT; DELETE FROM t; --'",
      "SELECT U&'\\'; COMMIT; DELETE FROM t; --'", "SELECT b'1''0'; COMMIT; DELETE FROM t; --'"})
  void refusesChainsHiddenFromALooserLexer(String sql) {
    assertThatThrownBy(() -> StatementText.of(sql)).hasMessageContaining("several statements");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT E'a'\n'\\'; COMMIT; DELETE FROM t; --'", "SELECT $q$; COMMIT; $q$",
      "SELECT 1 /* /* ; */ ; */ + 1", "SELECT \"a\"\"; b\" FROM t", "SELECT U&\"a;\" FROM t"})
  void chainsTheServerReadsAsTextAreOneStatement(String sql) {
    assertThat(StatementText.of(sql).sql()).isEqualTo(sql);
  }

  @Test
  void callsOfSequenceFunctionsAreFoundByName() {
    assertThat(StatementText.of("SELECT nextval('s')").callsSequenceFunction()).isTrue();
    assertThat(StatementText.of("SELECT pg_catalog.SETVAL('s', 1)").callsSequenceFunction()).isTrue();
    assertThat(StatementText.of("SELECT \"nextval\"('s')").callsSequenceFunction()).isTrue();
    assertThat(StatementText.of("SELECT 'nextval(s)', nextval_count FROM t").callsSequenceFunction()).isFalse();
  }

  @Test
  void aNameWithADollarIsNoParameter() {
    assertThat(StatementText.of("SELECT a$1 FROM t").hasPositionalParameters()).isFalse();
  }

  @Test
  void findsPositionalParametersOutsideLiterals() {
    assertThat(StatementText.of("SELECT * FROM t WHERE a = $1").hasPositionalParameters()).isTrue();
    assertThat(StatementText.of("SELECT '$1' FROM t").hasPositionalParameters()).isFalse();
  }

  @Test
  void jdbcPlaceholdersBecomePositionalButJsonbOperatorsStay() {
    StatementText text = StatementText.of("SELECT * FROM t WHERE a = ? AND b ?| array['x'] AND c = '?' AND d = ?")
        .withPositionalParameters();

    assertThat(text.sql()).isEqualTo("SELECT * FROM t WHERE a = $1 AND b ?| array['x'] AND c = '?' AND d = $2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ;  ", "EXPLAIN SELECT 1", "SELECT 'unterminated"})
  void refusesWhatCannotBeExplained(String sql) {
    assertThatThrownBy(() -> StatementText.of(sql)).isInstanceOf(IllegalArgumentException.class);
  }
}
