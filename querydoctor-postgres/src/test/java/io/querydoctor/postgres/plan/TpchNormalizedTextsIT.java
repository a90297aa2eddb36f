package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.advisor.ParsedQuery;
import io.querydoctor.core.advisor.QueryParser;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * #30: the TPC-H queries as pg_stat_statements normalizes them ({@code date $1}, {@code interval $2 day},
 * {@code extract($3 from …)}, {@code LIMIT $4}) reach the advisor: every one parses. Twelve were skipped as
 * "cannot parse" when a user ran the queries through psql and then {@code advise}.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class TpchNormalizedTextsIT {

  @Test
  void everyNormalizedTpchQueryParses(TestDatabase db) throws Exception {
    List<String> texts = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      TpchDatabase.load(c, 0.01);
      s.execute("SELECT pg_stat_statements_reset()");
      for (int q = 1; q <= 22; q++) {
        for (String setup : TpchDatabase.setup(q)) {
          s.execute(setup);
        }
        try (ResultSet rs = s.executeQuery(TpchDatabase.query(q))) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM "
          + "pg_database WHERE datname = current_database()) AND query ~* '^\\s*(select|with)\\M' AND query !~* "
          + "'pg_stat_statements'")) {
        while (rs.next()) {
          texts.add(rs.getString(1));
        }
      }
    }
    assertThat(texts).hasSizeGreaterThanOrEqualTo(20);
    QueryParser parser = new QueryParser();
    List<String> unparsed = new ArrayList<>();
    for (String text : texts) {
      ParsedQuery parsed = parser.parse(text);
      if (parsed.skipReason() != null) {
        unparsed.add(parsed.skipReason() + "\n  " + text.replaceAll("\\s+", " "));
      }
    }
    assertThat(unparsed).as(String.join("\n", unparsed)).isEmpty();
  }
}
