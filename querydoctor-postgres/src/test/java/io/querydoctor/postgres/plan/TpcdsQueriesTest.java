package io.querydoctor.postgres.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spark's TPC-DS syntax → PostgreSQL's (compiled and run only in the tpcds profile, with its benchmark). */
class TpcdsQueriesTest {

  @Test
  void intervalsOfDaysAreQuoted() {
    assertThat(TpcdsQueries.toPostgres(
        "SELECT 1 WHERE d BETWEEN x AND (x + INTERVAL 30 days) AND y < z + interval 5 day"))
        .isEqualTo("SELECT 1 WHERE d BETWEEN x AND (x + INTERVAL '30 days') AND y < z + INTERVAL '5 days'");
  }

  @Test
  void backQuotedAliasesBecomeQuotedIdentifiersAndCommentsAndSemicolonGo() {
    assertThat(TpcdsQueries.toPostgres("-- a comment\nSELECT count(*) AS `order count ` FROM t;\n"))
        .isEqualTo("SELECT count(*) AS \"order count\" FROM t");
  }

  @Test
  void anAliasInsideAnOrderByExpressionBecomesItsExpression() {
    String spark = "SELECT grouping(a) + grouping(b) AS lochierarchy FROM t GROUP BY ROLLUP (a, b) "
        + "ORDER BY lochierarchy DESC, CASE WHEN lochierarchy = 0 THEN a END";
    assertThat(TpcdsQueries.toPostgres(spark)).endsWith(
        "ORDER BY lochierarchy DESC, CASE WHEN grouping(a) + grouping(b) = 0 THEN a END");
  }

  @Test
  void textsWithoutSparkSyntaxStayAsTheyAre() {
    String sql = "SELECT c_last_name FROM customer WHERE c_birth_year = 1980 ORDER BY 1 LIMIT 100";
    assertThat(TpcdsQueries.toPostgres(sql)).isEqualTo(sql);
  }

  @Test
  void sparksColumnNameForTheLastReviewDateIsDsdgens() {
    assertThat(TpcdsQueries.toPostgres("SELECT c_last_review_date FROM customer"))
        .isEqualTo("SELECT c_last_review_date_sk FROM customer");
  }
}
