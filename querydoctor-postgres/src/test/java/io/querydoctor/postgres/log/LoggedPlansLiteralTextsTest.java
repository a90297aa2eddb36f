package io.querydoctor.postgres.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;

/** The logged statement texts that carry their literal values, by the fingerprint pg_stat_statements gives. */
class LoggedPlansLiteralTextsTest {

  private static final String PLAN = "\"Plan\": {\"Node Type\": \"Seq Scan\", \"Relation Name\": \"item\", "
      + "\"Startup Cost\": 0, \"Total Cost\": 1, \"Plan Rows\": 1, \"Plan Width\": 4}";

  private static String json(String query) {
    return "{\"Query Text\": \"" + query + "\", " + PLAN + "}";
  }

  @Test
  void aTextWithItsValuesInlineIsKeptUnderTheParameterisedShapesFingerprint() {
    LoggedPlans plans = new LoggedPlans();
    plans.add(30, json("SELECT id FROM item WHERE kind = 'common' ORDER BY body"));
    plans.add(31, json("SELECT id FROM item WHERE owner_id = $1"));
    plans.add(32, "Query Text: SELECT count(*) FROM item WHERE sku = 'sku-1'\n"
        + "Aggregate  (cost=1.00..1.01 rows=1 width=8)\n  ->  Seq Scan on item  (cost=0.00..1.00 rows=1 width=0)");

    SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
    var texts = plans.literalTexts();

    assertThat(texts).hasSize(2);
    assertThat(texts.get(fingerprinter.fingerprint("SELECT id FROM item WHERE kind = $1 ORDER BY body").id()))
        .isEqualTo("SELECT id FROM item WHERE kind = 'common' ORDER BY body");
    assertThat(texts.get(fingerprinter.fingerprint("SELECT count(*) FROM item WHERE sku = $1").id()))
        .isEqualTo("SELECT count(*) FROM item WHERE sku = 'sku-1'");
  }
}
