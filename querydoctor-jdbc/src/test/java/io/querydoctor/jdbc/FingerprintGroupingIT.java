package io.querydoctor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our fingerprints group statements the way pg_stat_statements' queryid does, on a corpus run against a real
 * PostgreSQL: for every pair of statements, "same queryid" ⇔ "same fingerprint", except pairs involving a
 * statement marked {@code @collapsed} (IN-list and VALUES collapsing, documented in SqlFingerprinter).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class FingerprintGroupingIT {

  private record Entry(String sql, boolean collapsed, long queryId, String fingerprint) {}

  @Test
  void groupsLikePgStatStatements(TestDatabase db) throws Exception {
    List<Entry> entries = new ArrayList<>();
    SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      st.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text, active boolean)");
      st.execute("CREATE TABLE posts (id bigint, user_id bigint, title text, created_at timestamptz)");
      boolean collapsed = false;
      for (String line : corpus()) {
        if (line.equals("@collapsed")) {
          collapsed = true;
          continue;
        }
        entries.add(new Entry(line, collapsed, queryIdOf(st, line), fingerprinter.fingerprint(line).id()));
        collapsed = false;
      }
    }
    assertThat(entries).hasSizeGreaterThan(40);
    assertThat(entries.stream().map(Entry::queryId).distinct().count()).as("distinct pg groups").isGreaterThan(20);
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      for (int j = i + 1; j < entries.size(); j++) {
        Entry a = entries.get(i);
        Entry b = entries.get(j);
        boolean samePg = a.queryId() == b.queryId();
        boolean sameOurs = a.fingerprint().equals(b.fingerprint());
        if (samePg != sameOurs && !(a.collapsed() || b.collapsed()) ) {
          disagreements.add((samePg ? "pg groups, we split: " : "we group, pg splits: ") + a.sql() + "  |  " + b.sql());
        }
        if ((a.collapsed() || b.collapsed()) && sameOurs) {
          assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        }
      }
    }
    assertThat(disagreements).isEmpty();
    // The documented difference is real: PostgreSQL splits IN lists by length, we do not.
    Entry threeIds = entries.stream().filter(e -> e.sql().contains("IN (1, 2, 3)")).findFirst().orElseThrow();
    Entry twoIds = entries.stream().filter(e -> e.sql().contains("IN (4, 5)")).findFirst().orElseThrow();
    assertThat(threeIds.queryId()).isNotEqualTo(twoIds.queryId());
    assertThat(threeIds.fingerprint()).isEqualTo(twoIds.fingerprint());
  }

  private static long queryIdOf(Statement st, String sql) throws SQLException {
    st.execute("SELECT pg_stat_statements_reset()");
    st.execute(sql);
    try (ResultSet rs = st.executeQuery("SELECT queryid FROM pg_stat_statements WHERE dbid = "
        + "(SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'")) {
      assertThat(rs.next()).as("pg_stat_statements entry for %s", sql).isTrue();
      long id = rs.getLong(1);
      assertThat(rs.next()).as("one entry for %s", sql).isFalse();
      return id;
    }
  }

  private static List<String> corpus() throws IOException {
    try (InputStream in = FingerprintGroupingIT.class.getResourceAsStream("/fingerprints/pg-corpus.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("--")).toList();
    }
  }
}
