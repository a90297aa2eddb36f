package io.querydoctor.core.digest.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogInput;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.sql.ShapeSkeleton;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On the real slow-log fixtures, the skeleton fast path groups exactly as the fingerprinter does. */
class SkeletonEquivalenceTest {

  private static final SqlFingerprinter FINGERPRINTER = SqlFingerprinter.of(SqlDialect.MYSQL);

  @Test
  void fastPathGroupsTheFixtureLogsLikeTheFingerprinter() throws Exception {
    List<String> texts = new ArrayList<>();
    for (String fixture : List.of("valid.log", "mariadb.log", "malformed.log")) {
      for (LogStatement statement : read(fixture)) {
        texts.add(statement.sql());
        texts.add(statement.sql().replaceAll("[0-9]", "7"));
        texts.add(statement.sql().replaceAll("'[a-z]*'", "'q'"));
      }
    }
    Map<String, String> idBySkeleton = new HashMap<>();
    int vouched = 0;
    for (String text : texts) {
      String skeleton = ShapeSkeleton.of(text, SqlDialect.MYSQL);
      if (skeleton != null) {
        vouched++;
        String id = FINGERPRINTER.fingerprint(text).id();
        assertThat(idBySkeleton.computeIfAbsent(skeleton, k -> id)).as(text).isEqualTo(id);
      }
    }
    assertThat(vouched).isGreaterThan(texts.size() / 2);
  }

  @Test
  void digestCallsPerShapeMatchTheFingerprinter() throws Exception {
    List<LogStatement> statements = new ArrayList<>();
    for (String fixture : List.of("valid.log", "mariadb.log")) {
      statements.addAll(read(fixture));
    }
    Map<String, Long> expected = new HashMap<>();
    for (LogStatement statement : statements) {
      expected.merge(FINGERPRINTER.fingerprint(statement.sql()).id(), 1L, Long::sum);
    }
    DigestBuilder builder = new DigestBuilder(SqlDialect.MYSQL);
    statements.forEach(builder::add);
    Map<String, Long> actual = new HashMap<>();
    builder.build("fixtures", io.querydoctor.core.digest.ParseSummary.EMPTY).shapes().forEach(shape -> actual.put(shape.fingerprint(), shape.calls()));

    assertThat(actual).isEqualTo(expected).isNotEmpty();
  }

  private List<LogStatement> read(String fixture) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/logs/mysql-slow/" + fixture);
        LineReader lines = new LineReader(LogInput.decompressed(in), new ParseProblems())) {
      return new MySqlSlowLogReader().read(lines).toList();
    }
  }
}
