package io.querydoctor.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property: statements with equal skeletons have equal fingerprints, in both dialects. */
class ShapeSkeletonTest {

  private static final List<String> TRICKY = List.of(
      "SELECT * FROM posts WHERE user_id = 42",
      "select *\n from POSTS where user_id=$1 -- by user",
      "SELECT id FROM t WHERE a = -1 AND b = 2.5 AND c=3e4 AND d = 0x1F AND e = 1_000",
      "SELECT a-1, a - 1, a -1, (-1), [1, -2], x<-1, y=-.5, z = 1..2",
      "SELECT * FROM t WHERE name = 'bob' AND note = 'it''s' AND path = 'c:\\\\x' AND e = E'a\\nb'",
      "SELECT * FROM t WHERE b = B'101' OR x = X'ff' OR n = N'x' OR u = U&'d\\0061t'",
      "SELECT * FROM t WHERE id IN (1, 2, 3) AND k IN ('a', 'b')",
      "SELECT * FROM t WHERE id IN (1, 2) AND k IN ('a')",
      "SELECT * FROM t ORDER BY id LIMIT 10 OFFSET 20",
      "SELECT * FROM t ORDER BY id LIMIT 10 offset 40",
      "SELECT * FROM t LIMIT 5, 10",
      "SELECT \"Id\", \"id\", \"select\" FROM \"T\" WHERE \"a\"\"b\" = 1",
      "SELECT `id` FROM `t` WHERE `x` = \"str\" # mysql comment",
      "SELECT 1abc, 1.e5, 12e, 3.x, 4'x', 5\"y\"",
      "SELECT $$body$$, $tag$x$tag$, $1, $2, a$b",
      "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')",
      "INSERT INTO t (a, b) VALUES (1, 'x')",
      "UPDATE t SET a = NULL, b = TRUE WHERE c IS NOT NULL AND d = FALSE",
      "SELECT * FROM t WHERE a = ? AND b ?? c AND d = 'x' FOR UPDATE",
      "SELECT * FROM t /* c 1 */ WHERE a = 1",
      "SELECT '\u00e9t\u00e9', 1 FROM t",
      "SELECT 'unterminated",
      "SELECT 0x", "SELECT 1e", "SELECT 1.", "SELECT \"open", "SELECT `open", "SELECT x = 5",
      "SELECT 1::int, '2'::text, a::numeric(10, 2)",
      "SELECT @1, ~2, !3, a@>'{1}', b->>'k', c->1",
      "WITH x AS (SELECT 1) SELECT * FROM x WHERE y = 'z'",
      "SELECT 'a'\n'b' FROM t", "SELECT 'a' 'b' FROM t", "SELECT 'a' --c\n 'b' FROM t");

  @Test
  void equalSkeletonsMeanEqualFingerprints() throws IOException {
    List<String> corpus = new ArrayList<>(TRICKY);
    corpus.addAll(fixtureLines());
    List<String> all = new ArrayList<>();
    Random random = new Random(7);
    for (String statement : corpus) {
      all.add(statement);
      for (int v = 0; v < 6; v++) {
        all.add(vary(statement, random));
      }
    }
    int vouched = 0;
    for (SqlDialect dialect : SqlDialect.values()) {
      SqlFingerprinter fingerprinter = SqlFingerprinter.of(dialect);
      Map<String, Fingerprint> seen = new HashMap<>();
      // One scanner for all, in random order: long texts leave stale chars behind in its buffers.
      ShapeSkeleton shared = new ShapeSkeleton(dialect);
      List<String> shuffled = new ArrayList<>(all);
      java.util.Collections.shuffle(shuffled, random);
      for (String statement : shuffled) {
        String skeleton = shared.scan(statement) ? new String(shared.chars(), 0, shared.length()) : null;
        assertThat(skeleton).isEqualTo(ShapeSkeleton.of(statement, dialect));
        if (skeleton == null) {
          continue;
        }
        vouched++;
        Fingerprint fingerprint = fingerprinter.fingerprint(statement);
        Fingerprint first = seen.putIfAbsent(skeleton, fingerprint);
        if (first != null) {
          assertThat(fingerprint).as("%s: %s", dialect, statement).isEqualTo(first);
        }
      }
    }
    assertThat(vouched).as("the fast path takes most statements").isGreaterThan(all.size() / 2);
  }

  @Test
  void literalValuesDoNotChangeTheSkeleton() {
    assertThat(ShapeSkeleton.of("SELECT c FROM t WHERE id = 42 AND k = 'abc'", SqlDialect.MYSQL))
        .isEqualTo(ShapeSkeleton.of("SELECT c FROM t WHERE id = 7  AND k = ''", SqlDialect.MYSQL))
        .isNotNull();
    assertThat(ShapeSkeleton.of("SELECT c FROM t WHERE id = 42", SqlDialect.MYSQL))
        .isNotEqualTo(ShapeSkeleton.of("select c from t where id = 42", SqlDialect.MYSQL));
  }

  @Test
  void uncertainTextsGetNoSkeleton() {
    for (String text : List.of("SELECT 1 -- c", "SELECT /* c */ 1", "SELECT 'a\\'b'", "SELECT E'x'",
        "SELECT 1abc", "SELECT 'it''s'", "SELECT '\u00e9'", "SELECT .5", "SELECT 'a'\n  'b'")) {
      assertThat(ShapeSkeleton.of(text, SqlDialect.POSTGRESQL)).as(text).isNull();
    }
    assertThat(ShapeSkeleton.of("SELECT $1", SqlDialect.POSTGRESQL)).isNull();
    assertThat(ShapeSkeleton.of("SELECT \"x\"", SqlDialect.MYSQL)).isNull();
    assertThat(ShapeSkeleton.of("SELECT 1 # c", SqlDialect.MYSQL)).isNull();
    assertThat(ShapeSkeleton.of("SELECT * FROM t OFFSET 20", SqlDialect.POSTGRESQL))
        .isNotEqualTo(ShapeSkeleton.of("SELECT * FROM t OFFSET 40", SqlDialect.POSTGRESQL));
  }

  /** Every line and every statement-sized chunk of the log fixtures, garbage included. */
  private static List<String> fixtureLines() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path dir : List.of(Path.of("src/test/resources/logs/mysql-slow"),
        Path.of("../querydoctor-postgres/src/test/resources/logs/pg-stderr"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          for (String line : text.split("\n")) {
            int statement = line.indexOf("statement: ");
            lines.add(statement >= 0 ? line.substring(statement + 11) : line);
          }
          for (String chunk : text.split(";")) {
            lines.add(chunk);
          }
        }
      }
    }
    assertThat(lines).hasSizeGreaterThan(50);
    return lines;
  }

  /** {@code statement} with its digits and quoted letters changed (and sometimes a digit run longer). */
  private static String vary(String statement, Random random) {
    StringBuilder out = new StringBuilder(statement.length() + 4);
    boolean inQuote = false;
    for (int i = 0; i < statement.length(); i++) {
      char c = statement.charAt(i);
      if (c == '\'') {
        inQuote = !inQuote;
        out.append(c);
      } else if (Character.isDigit(c)) {
        out.append((char) ('0' + random.nextInt(10)));
        if (random.nextInt(4) == 0) {
          out.append((char) ('0' + random.nextInt(10)));
        }
      } else if (inQuote && Character.isLetter(c)) {
        out.append((char) ('a' + random.nextInt(26)));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
