package io.querydoctor.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.sql.SqlDialect;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrequentCacheableQueryRuleTest {

  private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

  /** Ten minutes of {@code perMinute} executions of {@code sql(i)}. */
  private static void run(DigestBuilder builder, int perMinute, java.util.function.IntFunction<String> sql) {
    for (int i = 0; i < 10 * perMinute; i++) {
      builder.add(LogStatement.of(T0.plusMillis(i * 60_000L / perMinute), 0.5, sql.apply(i)));
    }
  }

  private static List<Finding> findings(DigestBuilder builder) {
    return new FrequentCacheableQueryRule(DigestThresholds.DEFAULTS).findings(builder.build("t", ParseSummary.EMPTY));
  }

  @Test
  void firesForAFrequentReadWithFewParameterSetsOnATableThatBarelyChanges() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.MYSQL);
    run(builder, 300, i -> "SELECT name FROM countries WHERE code = '" + (i % 3 == 0 ? "DE" : "FR") + "'");
    run(builder, 200, i -> "SELECT * FROM orders WHERE id = " + i);

    assertThat(findings(builder)).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("frequent-cacheable-query");
      assertThat(f.detail()).contains("countries");
      assertThat(f.evidence()).anySatisfy(e -> {
        assertThat(e.name()).isEqualTo("distinct_parameter_sets");
        assertThat(e.value()).isEqualTo(2);
      });
      assertThat(f.impact().millisPerHour()).isPositive();
    });
  }

  @Test
  void staysSilentWhenItsTableIsWrittenOften() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.MYSQL);
    run(builder, 300, i -> "SELECT name FROM countries WHERE code = 'DE'");
    run(builder, 5, i -> "UPDATE countries SET name = 'x' WHERE code = 'DE'");

    assertThat(findings(builder)).isEmpty();
  }

  @Test
  void staysSilentWhenTheParametersAreNotInTheLog() {
    DigestBuilder builder = new DigestBuilder(SqlDialect.POSTGRESQL);
    run(builder, 300, i -> "SELECT name FROM countries WHERE code = $1");

    assertThat(findings(builder)).isEmpty();
  }

  @Test
  void staysSilentBelowTheRateOrWithManyParameterSets() {
    DigestBuilder slow = new DigestBuilder(SqlDialect.MYSQL);
    run(slow, 90, i -> "SELECT name FROM countries WHERE code = 'DE'");
    DigestBuilder varied = new DigestBuilder(SqlDialect.MYSQL);
    run(varied, 300, i -> "SELECT name FROM countries WHERE code = '" + (i % 50) + "'");

    assertThat(findings(slow)).isEmpty();
    assertThat(findings(varied)).isEmpty();
  }

  @Test
  void findsReadAndWrittenTables() {
    assertThat(StatementTables.read("SELECT a FROM orders o JOIN customers c ON c.id = o.customer_id"))
        .containsExactly("orders", "customers");
    assertThat(StatementTables.written("INSERT INTO \"Audit\"(a) VALUES (?)")).containsExactly("audit");
    assertThat(StatementTables.written("UPDATE orders SET total = ? WHERE id = ?")).containsExactly("orders");
    assertThat(StatementTables.written("DELETE FROM orders WHERE id = ?")).containsExactly("orders");
  }
}
