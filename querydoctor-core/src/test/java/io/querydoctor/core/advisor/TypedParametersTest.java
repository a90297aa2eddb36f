package io.querydoctor.core.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The forms pg_stat_statements gives TPC-H's typed literals (PostgreSQL 15), as recorded from a real server. */
class TypedParametersTest {

  @Test
  void typedLiteralsBecomeTheCastsTheyMean() {
    assertThat(TypedParameters.rewrite("WHERE l_shipdate >= DATE $1 AND l_shipdate < DATE $2 + INTERVAL $3 YEAR "
        + "AND l_discount BETWEEN decimal $4 - decimal $5 AND decimal $6 + decimal $7 AND l_quantity < $8"))
        .isEqualTo("WHERE l_shipdate >= CAST($1 AS date) AND l_shipdate < CAST($2 AS date) + CAST($3 AS interval) "
            + "AND l_discount BETWEEN CAST($4 AS decimal) - CAST($5 AS decimal) AND CAST($6 AS decimal) + "
            + "CAST($7 AS decimal) AND l_quantity < $8");
  }

  @Test
  void anExtractFieldGetsAFieldBack() {
    assertThat(TypedParameters.rewrite("SELECT extract($1 FROM o_orderdate) AS o_year"))
        .isEqualTo("SELECT extract(epoch FROM o_orderdate) AS o_year");
  }

  /** TPC-H q7, q8, q9 could not be prepared: their $1 no longer appeared, so its type was undetermined. */
  @Test
  void forPlanningAnExtractFieldStaysAParameter() {
    assertThat(TypedParameters.plannable("SELECT extract($1 FROM o_orderdate) AS o_year, DATE $2 AS d"))
        .isEqualTo("SELECT date_part(CAST($1 AS text), o_orderdate) AS o_year, CAST($2 AS date) AS d");
  }

  @Test
  void literalsCommentsAndOrdinaryParametersAreLeftAlone() {
    String sql = "SELECT 'date $1' AS t /* interval $2 day */ FROM x WHERE a = $3 AND date_col = $4";
    assertThat(TypedParameters.rewrite(sql)).isEqualTo(sql);
  }

  @Test
  void theTpchFormsParse() {
    QueryParser parser = new QueryParser();
    assertThat(parser.parse("SELECT sum(l_extendedprice * l_discount) AS revenue FROM lineitem WHERE l_shipdate >= "
        + "DATE $1 AND l_shipdate < DATE $2 + INTERVAL $3 YEAR AND l_discount BETWEEN decimal $4 - decimal $5 AND "
        + "decimal $6 + decimal $7 AND l_quantity < $8").skipReason()).isNull();
    assertThat(parser.parse("SELECT o_year, sum(volume) FROM (SELECT extract($1 FROM o_orderdate) AS o_year, "
        + "l_extendedprice AS volume FROM orders, lineitem WHERE l_orderkey = o_orderkey) AS all_nations GROUP BY "
        + "o_year").skipReason()).isNull();
  }
}
