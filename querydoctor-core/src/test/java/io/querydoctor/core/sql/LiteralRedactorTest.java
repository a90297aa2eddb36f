package io.querydoctor.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LiteralRedactorTest {

  static Stream<Arguments> sql() {
    return Stream.of(
        arguments("SELECT * FROM users WHERE email = 'bob@x.com' AND id = 4242",
            "SELECT * FROM users WHERE email = ? AND id = ?"),
        arguments("select 'it''s', E'a\\'b', B'01', X'1F', N'n', U&'d\\0061t'", "select ?, ?, ?, ?, ?, ?"),
        arguments("SELECT $$secret$$, $t$ a $$ b $t$ FROM t", "SELECT ?, ? FROM t"),
        arguments("SELECT * FROM t WHERE a = $1 AND b = -7", "SELECT * FROM t WHERE a = $1 AND b = ?"),
        arguments("SELECT a - 1 FROM posts_2024 p", "SELECT a - ? FROM posts_2024 p"),
        arguments("(email = 'bob@x.com'::text)", "(email = ?::text)"),
        arguments("(status = ANY ('{a,b}'::text[]))", "(status = ANY (?::text[]))"),
        arguments("SELECT \"Weird 'name'\" FROM t LIMIT 10", "SELECT \"Weird 'name'\" FROM t LIMIT ?"),
        arguments("SELECT 'unterminated", "SELECT ?"),
        arguments("SELECT E'a'\n'\\' secret' FROM t", "SELECT ? FROM t"),
        arguments("SELECT 1.5e3, .5, 0x1F", "SELECT ?, ?, ?"));
  }

  @ParameterizedTest
  @MethodSource
  void sql(String input, String expected) {
    assertThat(LiteralRedactor.sql(input)).isEqualTo(expected);
  }

  static Stream<Arguments> prose() {
    return Stream.of(
        // Numbers of a sentence stay; numbers compared in SQL go.
        arguments("Seq Scan on posts removes 9,990 rows (threshold 1,000 rows)",
            "Seq Scan on posts removes 9,990 rows (threshold 1,000 rows)"),
        arguments("Filter: (id = 42) and (created_at > '2024-01-01'::date)", "Filter: (id = ?) and (created_at > ?::date)"),
        arguments("Filter: (email = 'bob@x.com'::text)", "Filter: (email = ?::text)"),
        arguments("query WHERE id IN (1, 2, 3) LIMIT 5 OFFSET 10", "query WHERE id IN (?, ?, ?) LIMIT ? OFFSET ?"),
        arguments("the statement `SELECT * FROM posts WHERE user_id = 7 AND title LIKE 'a%'` ran 50 times",
            "the statement `SELECT * FROM posts WHERE user_id = ? AND title LIKE ?` ran 50 times"),
        // Sentence quotes and apostrophes stay.
        arguments("3 of 4 runs of 'GET /users' went over the budget; the table's size doesn't matter",
            "3 of 4 runs of 'GET /users' went over the budget; the table's size doesn't matter"),
        arguments("Application 'billing' from 10.0.0.1", "Application 'billing' from 10.0.0.1"),
        arguments("WHERE name = E'x\\'y' OR body = $$<b>$$", "WHERE name = ? OR body = ?"),
        arguments("uses 8kB and p95 of 12 ms", "uses 8kB and p95 of 12 ms"),
        arguments("VALUES ('a', 1), ('b', 2)", "VALUES (?, ?), (?, ?)"),
        // After a comparison, a number is SQL only when SQL goes on after it.
        arguments("max_connections = 100 with 3 reserved; rows_removed = 9,990 rows",
            "max_connections = 100 with 3 reserved; rows_removed = 9,990 rows"),
        arguments("WHERE id = 42 AND age > -7 and x < 3", "WHERE id = ? AND age > ? and x < ?"));
  }

  @ParameterizedTest
  @MethodSource
  void prose(String input, String expected) {
    assertThat(LiteralRedactor.prose(input)).isEqualTo(expected);
  }

  @Test
  void nullStaysNull() {
    assertThat(LiteralRedactor.sql(null)).isNull();
    assertThat(LiteralRedactor.prose(null)).isNull();
  }
}
