package io.querydoctor.postgres.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParameterSamplesTest {

  private final ParameterSamples samples = ParameterSamples.none();

  @Test
  void aLoggedTextIsTheSampleOfItsNormalizedText() {
    String logged = "SELECT count(*) FROM orders WHERE o_orderdate >= DATE '1994-01-01' "
        + "AND o_orderdate < DATE '1994-01-01' + INTERVAL '3' MONTH AND o_orderstatus IN ('F', 'O') LIMIT 10";
    samples.offer(logged, "the server log");
    var sample = samples.of("SELECT count(*) FROM orders WHERE o_orderdate >= DATE $1 "
        + "AND o_orderdate < DATE $2 + INTERVAL $3 MONTH AND o_orderstatus IN ($4, $5) LIMIT $6");
    assertThat(sample).hasValue(new ParameterSamples.Sample(logged, "the server log"));
  }

  /** pg_stat_statements 14+ replaces extract's field too; the fingerprint keeps it: TPC-H q7, q8, q9 were unmatched. */
  @Test
  void anExtractFieldMeetsItsParameter() {
    samples.offer("SELECT extract(YEAR FROM o_orderdate) AS y FROM orders", "the server log");
    assertThat(samples.of("SELECT extract($1 from o_orderdate) AS y FROM orders")).isPresent();
    assertThat(samples.of("SELECT extract($1 from o_orderdate) AS y FROM lineitem")).isEmpty();
  }

  @Test
  void aTextWithParametersIsNoSample() {
    samples.offer("SELECT * FROM orders WHERE o_orderkey = $1", "the server log");
    assertThat(samples.size()).isZero();
    assertThat(samples.of("SELECT * FROM orders WHERE o_orderkey = $1")).isEmpty();
  }

  @Test
  void theFirstSampleOfAShapeIsKept() {
    samples.offer("SELECT * FROM orders WHERE o_orderkey = 1", "the server log");
    samples.offer("SELECT * FROM orders WHERE o_orderkey = 2", "a capture");
    assertThat(samples.of("SELECT * FROM orders WHERE o_orderkey = $1").orElseThrow().sql()).endsWith("= 1");
    assertThat(samples.size()).isEqualTo(1);
  }

  /** A value every sample shares is a constant (a partial index's filter); one that changed is a parameter. */
  @Test
  void valuesThatVariedBecomeParametersAgain() {
    String normalized = "SELECT * FROM orders WHERE o_orderstatus = $1 AND o_custkey = $2";
    samples.offer("SELECT * FROM orders WHERE o_orderstatus = 'F' AND o_custkey = 7", "the server log");
    assertThat(samples.constantsOf(normalized)).as("one sighting proves nothing constant").isEqualTo(normalized);
    samples.offer("SELECT * FROM orders WHERE o_orderstatus = 'F' AND o_custkey = 7", "the server log");
    assertThat(samples.constantsOf(normalized)).as("two alike: every value a constant")
        .isEqualTo("SELECT * FROM orders WHERE o_orderstatus = 'F' AND o_custkey = 7");
    samples.offer("SELECT * FROM orders WHERE o_orderstatus = 'F' AND o_custkey = 12", "the server log");
    assertThat(samples.constantsOf(normalized))
        .isEqualTo("SELECT * FROM orders WHERE o_orderstatus = 'F' AND o_custkey = $2");
    assertThat(samples.of(normalized).orElseThrow().sql()).as("planned with the first sample's values")
        .endsWith("o_custkey = 7");
  }

  @Test
  void anInListOfAnotherLengthMakesEveryValueAParameter() {
    String normalized = "SELECT * FROM orders WHERE o_orderstatus = $1 AND o_custkey IN ($2, $3)";
    samples.offer("SELECT * FROM orders WHERE o_orderstatus = 'F' AND o_custkey IN (1, 2)", "the server log");
    samples.offer("SELECT * FROM orders WHERE o_orderstatus = 'F' AND o_custkey IN (1, 2, 3)", "the server log");
    assertThat(samples.constantsOf(normalized))
        .isEqualTo("SELECT * FROM orders WHERE o_orderstatus = $1 AND o_custkey IN ($2, $3)");
  }

  @Test
  void withoutASampleTheTextIsItsOwn() {
    String normalized = "SELECT * FROM orders WHERE o_orderstatus = $1";
    assertThat(samples.constantsOf(normalized)).isSameAs(normalized);
  }
}
