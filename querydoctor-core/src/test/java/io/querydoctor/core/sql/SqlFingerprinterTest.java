package io.querydoctor.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlFingerprinterTest {

  private static final SqlFingerprinter PG = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
  private static final SqlFingerprinter MY = SqlFingerprinter.of(SqlDialect.MYSQL);

  static Stream<Arguments> strings() {
    return Stream.of(
        arguments("SELECT * FROM t WHERE a = 'x'", "SELECT * FROM t WHERE a = ?"),
        arguments("SELECT 'it''s' FROM t", "SELECT ? FROM t"),
        arguments("SELECT E'a\\'b' , 1", "SELECT ?, ?"),
        arguments("SELECT e'\\\\' FROM t", "SELECT ? FROM t"),
        arguments("SELECT B'0101', X'1F', N'abc', U&'d\\0061t'", "SELECT ?, ?, ?, ?"),
        arguments("SELECT $$it's$$ AS body", "SELECT ? AS body"),
        arguments("SELECT $fn$ a $$ b $fn$, 2", "SELECT ?, ?"),
        arguments("SELECT 'unterminated", "SELECT ?"),
        // One string continued across a newline, in the first part's mode (issue 21): nothing of it leaks.
        arguments("SELECT E'a'\n'\\' secret' FROM t", "SELECT ? FROM t"),
        arguments("SELECT 'a' -- note\n  'b secret' FROM t", "SELECT ? FROM t"),
        arguments("SELECT 'a' 'b'", "SELECT ? ?"));
  }

  static Stream<Arguments> numbers() {
    return Stream.of(
        arguments("SELECT 1, 2.5, .5, 1e10, 1.5E-3 FROM t", "SELECT ?, ?, ?, ?, ? FROM t"),
        arguments("SELECT * FROM t WHERE a = -1", "SELECT * FROM t WHERE a = ?"),
        arguments("SELECT * FROM t WHERE a=-1", "SELECT * FROM t WHERE a = ?"),
        arguments("SELECT a - 1 FROM t", "SELECT a - ? FROM t"),
        arguments("SELECT a -1 FROM t", "SELECT a - ? FROM t"),
        arguments("SELECT col1, t2.col3 FROM t2", "SELECT col1, t2.col3 FROM t2"),
        arguments("SELECT 0x1F", "SELECT ?"));
  }

  static Stream<Arguments> keywordsAndValues() {
    return Stream.of(
        arguments("select * from Users where Active = true", "SELECT * FROM users WHERE active = ?"),
        arguments("SELECT * FROM t WHERE a IS NULL", "SELECT * FROM t WHERE a IS NULL"),
        arguments("SELECT * FROM t WHERE a IS NOT NULL AND b IS TRUE", "SELECT * FROM t WHERE a IS NOT NULL AND b IS TRUE"),
        arguments("UPDATE t SET a = NULL, b = FALSE", "UPDATE t SET a = ?, b = ?"),
        arguments("SELECT \"Weird Name\".\"Col\" FROM \"Weird Name\"", "SELECT \"Weird Name\".\"Col\" FROM \"Weird Name\""),
        arguments("SELECT \"id\", \"user\" FROM \"users\"", "SELECT id, \"user\" FROM users"));
  }

  static Stream<Arguments> bindMarkers() {
    return Stream.of(
        arguments("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = ? AND b = ?"),
        arguments("SELECT * FROM t WHERE a = $1 AND b = $2", "SELECT * FROM t WHERE a = ? AND b = ?"),
        arguments("SELECT a::int, ?::text FROM t", "SELECT a::int, ?::text FROM t"),
        arguments("SELECT '{}'::jsonb ?? 'k'", "SELECT ?::jsonb ?? ?"));
  }

  static Stream<Arguments> commentsAndWhitespace() {
    return Stream.of(
        arguments("SELECT  a,\n\tb -- trailing\nFROM t;", "SELECT a, b FROM t"),
        arguments("/* lead */ SELECT /* a /* nested */ still comment */ a FROM t", "SELECT a FROM t"),
        arguments("SELECT count( * ) FROM t", "SELECT count(*) FROM t"),
        arguments("SELECT a FROM t WHERE b = ANY ( ? )", "SELECT a FROM t WHERE b = ANY (?)"));
  }

  static Stream<Arguments> lists() {
    return Stream.of(
        arguments("SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (...)"),
        arguments("SELECT * FROM t WHERE id IN (?)", "SELECT * FROM t WHERE id IN (...)"),
        arguments("SELECT * FROM t WHERE id IN ('a','b')", "SELECT * FROM t WHERE id IN (...)"),
        arguments("SELECT * FROM t WHERE id IN (SELECT x FROM u WHERE y = 1)",
            "SELECT * FROM t WHERE id IN (SELECT x FROM u WHERE y = ?)"),
        arguments("SELECT * FROM t WHERE id IN (a, b)", "SELECT * FROM t WHERE id IN (a, b)"),
        arguments("SELECT * FROM t WHERE id = ANY(ARRAY[1,2,3])", "SELECT * FROM t WHERE id = ANY (ARRAY[...])"),
        arguments("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')", "INSERT INTO t(a, b) VALUES (?, ?)"),
        arguments("INSERT INTO t(a,b) VALUES(?,?)", "INSERT INTO t(a, b) VALUES (?, ?)"),
        arguments("INSERT INTO t VALUES (1, 2), (3, 4) ON CONFLICT (a) DO NOTHING",
            "INSERT INTO t VALUES (?, ?) ON CONFLICT (a) DO NOTHING"),
        arguments("INSERT INTO t VALUES (1, DEFAULT), (3, 4)", "INSERT INTO t VALUES (?, DEFAULT), (?, ?)"));
  }

  static Stream<Arguments> mysql() {
    return Stream.of(
        arguments("SELECT `Col` FROM `T` WHERE a = \"x\" # comment", "SELECT `Col` FROM `T` WHERE a = ?"),
        arguments("SELECT * FROM T WHERE a = 'it\\'s'", "SELECT * FROM T WHERE a = ?"),
        arguments("SELECT a /* x /* y */ FROM t", "SELECT a FROM t"),
        arguments("SELECT $x FROM t", "SELECT $x FROM t"));
  }

  @ParameterizedTest
  @MethodSource({"strings", "numbers", "keywordsAndValues", "bindMarkers", "commentsAndWhitespace", "lists"})
  void normalizesPostgres(String sql, String expected) {
    assertThat(PG.fingerprint(sql).normalized()).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("mysql")
  void normalizesMysql(String sql, String expected) {
    assertThat(MY.fingerprint(sql).normalized()).isEqualTo(expected);
  }

  /** Bug: DDL {@code NOT NULL} was fingerprinted as {@code NOT ?}, as if NULL were a value there. */
  @ParameterizedTest
  @MethodSource("nullOutsideValues")
  void ddlNotNullIsNotFingerprintedAsNotPlaceholder(String sql, String expected) {
    assertThat(PG.fingerprint(sql).normalized()).isEqualTo(expected);
  }

  static Stream<Arguments> nullOutsideValues() {
    return Stream.of(
        arguments("CREATE TABLE t (id bigint NOT NULL, name text NULL)",
            "CREATE TABLE t(id bigint NOT NULL, name text NULL)"),
        arguments("ALTER TABLE t ALTER COLUMN name SET NOT NULL", "ALTER TABLE t ALTER COLUMN name SET NOT NULL"),
        arguments("CREATE TABLE c (p int REFERENCES t ON DELETE SET NULL, v varchar(10) NOT NULL DEFAULT NULL)",
            "CREATE TABLE c(p int REFERENCES t ON DELETE SET NULL, v varchar(?) NOT NULL DEFAULT ?)"),
        arguments("SELECT NULL, COALESCE(a, NULL) FROM t WHERE b = NULL OR c IS NOT NULL",
            "SELECT ?, coalesce(a, ?) FROM t WHERE b = ? OR c IS NOT NULL"),
        arguments("INSERT INTO t VALUES (NULL, 1)", "INSERT INTO t VALUES (?, ?)"),
        arguments("SELECT CASE WHEN a THEN NULL ELSE NULL END", "SELECT CASE WHEN a THEN ? ELSE ? END"));
  }

  @Test
  void statementsLongerThanTheScratchBufferAndShortOnesAfterThemOnTheSameThread() {
    StringBuilder longSql = new StringBuilder("SELECT * FROM t WHERE a = 1");
    while (longSql.length() < 100_000) {
      longSql.append(" AND b = 'x' ");
    }
    String normalized = PG.fingerprint(longSql.toString()).normalized();
    assertThat(normalized).startsWith("SELECT * FROM t WHERE a = ? AND b = ?").doesNotContain("'x'");
    assertThat(PG.fingerprint("SELECT 2").normalized()).isEqualTo("SELECT ?");
  }

  @Test
  void threadsFingerprintingAtOnceGetTheSameResults() throws Exception {
    String[] statements = new String[200];
    for (int i = 0; i < statements.length; i++) {
      statements[i] = "SELECT c" + (i % 7) + " FROM t" + i + " WHERE id IN (" + i + ", " + (i + 1) + ") AND s = 'v" + i + "'";
    }
    java.util.List<String> expected = java.util.Arrays.stream(statements).map(sql -> PG.fingerprint(sql).id()).toList();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<java.util.List<String>>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> {
          java.util.List<String> ids = new java.util.ArrayList<>();
          for (int round = 0; round < 50; round++) {
            ids.clear();
            for (String sql : statements) {
              ids.add(PG.fingerprint(sql).id());
            }
          }
          return ids;
        }));
      }
      for (var run : runs) {
        assertThat(run.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sameShapeSameIdDifferentShapeDifferentId() {
    Fingerprint a = PG.fingerprint("SELECT * FROM posts WHERE user_id = 42");
    Fingerprint b = PG.fingerprint("select *\n from POSTS where user_id=$1 -- by user");
    Fingerprint c = PG.fingerprint("SELECT * FROM posts WHERE author_id = 42");
    assertThat(a.id()).isEqualTo(b.id()).hasSize(16).matches("[0-9a-f]{16}");
    assertThat(c.id()).isNotEqualTo(a.id());
  }

  @Test
  void idIsStableAcrossReleases() {
    // Capture files and baselines store ids: changing the hash or the normal form is a breaking change.
    assertThat(PG.fingerprint("SELECT 1").id()).isEqualTo(SqlFingerprinter.hashHex("SELECT ?"));
  }

  @Test
  void redactRemovesEveryLiteral() {
    String redacted = SqlFingerprinter.redact(
        "UPDATE users SET password = 'hunter2', email = E'a@b.c' WHERE id = 7 AND token = $t$secret$t$");
    assertThat(redacted).doesNotContain("hunter2", "a@b.c", "7", "secret")
        .isEqualTo("UPDATE users SET password = ?, email = ? WHERE id = ? AND token = ?");
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        arguments("SELECT * FROM t LIMIT 10 OFFSET 5000", StatementKind.SELECT, true, 5000L, 0, false, 0),
        arguments("SELECT * FROM t WHERE a = ? LIMIT ? OFFSET ?", StatementKind.SELECT, true, -1L, 3, false, 3),
        arguments("SELECT * FROM t WHERE a = $2 FOR UPDATE", StatementKind.SELECT, false, -1L, 0, true, 2),
        arguments("SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED", StatementKind.SELECT, false, -1L, 0, true, 0),
        arguments("SELECT * FROM t LOCK IN SHARE MODE", StatementKind.SELECT, false, -1L, 0, true, 0),
        arguments("SELECT * FROM (SELECT * FROM t LIMIT 1) x", StatementKind.SELECT, false, -1L, 0, false, 0),
        arguments("WITH x AS (SELECT 1) UPDATE t SET a = 1", StatementKind.UPDATE, false, -1L, 0, true, 0),
        arguments("insert into t values (?, ?)", StatementKind.INSERT, false, -1L, 0, true, 2),
        arguments("DELETE FROM t WHERE id = ?", StatementKind.DELETE, false, -1L, 0, true, 1),
        arguments("SET search_path = public", StatementKind.OTHER, false, -1L, 0, false, 0),
        arguments("SELECT * FROM t FETCH FIRST 10 ROWS ONLY", StatementKind.SELECT, true, -1L, 0, false, 0));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void readsShape(String sql, StatementKind kind, boolean limited, long offset, int offsetParam, boolean locks,
      int params) {
    assertThat(PG.fingerprint(sql).shape())
        .isEqualTo(new StatementShape(kind, limited, offset, offsetParam, locks, params));
  }

  @Test
  void cacheIsBounded() {
    FingerprintCache cache = new FingerprintCache(PG, 3);
    for (int i = 0; i < 10; i++) {
      cache.get("SELECT " + i);
    }
    assertThat(cache.size()).isBetween(1, 3);
    String sql = "SELECT * FROM t WHERE id = 1";
    assertThat(cache.get(sql)).isSameAs(cache.get(sql));
  }
}
