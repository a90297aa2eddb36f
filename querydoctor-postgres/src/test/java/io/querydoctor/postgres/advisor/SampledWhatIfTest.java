package io.querydoctor.postgres.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.advisor.IndexCandidate;
import io.querydoctor.core.advisor.PlannedCost;
import io.querydoctor.core.advisor.WhatIf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which text reaches the planner for each workload statement, and what the report is told about it. */
class SampledWhatIfTest {

  private static final String RANGE = "SELECT count(*) FROM orders WHERE o_orderdate >= DATE $1 "
      + "AND o_orderdate < DATE $2 + INTERVAL $3 MONTH";
  private static final String LOOKUP = "SELECT * FROM customer WHERE c_custkey = $1";
  private static final String LITERAL = "SELECT * FROM nation WHERE n_name = 'FRANCE'";

  /** Records the texts it is asked to plan. */
  private static final class Recording implements WhatIf {
    final List<String> planned = new ArrayList<>();

    @Override
    public List<PlannedCost> plan(List<String> statements, Set<IndexCandidate> indexes) {
      planned.addAll(statements);
      return statements.stream().map(s -> new PlannedCost(1, Set.of())).toList();
    }

    @Override
    public long sizeBytes(IndexCandidate index) {
      return 0;
    }

    @Override
    public String method() {
      return "recording";
    }
  }

  @Test
  void aSampleIsPlannedInsteadOfTheNormalizedTextOtherwiseAPreparableGenericText() throws Exception {
    ParameterSamples samples = ParameterSamples.none();
    String sample = "SELECT count(*) FROM orders WHERE o_orderdate >= DATE '1993-07-01' "
        + "AND o_orderdate < DATE '1993-07-01' + INTERVAL '3' MONTH";
    samples.offer(sample, "the server log");
    Recording recording = new Recording();
    SampledWhatIf whatIf = new SampledWhatIf(recording, List.of(RANGE, LOOKUP, LITERAL), samples);

    whatIf.plan(List.of(RANGE, LOOKUP, LITERAL), Set.of());

    assertThat(recording.planned).containsExactly(sample, LOOKUP, LITERAL);
    assertThat(whatIf.planning()).isEqualTo(Map.of(RANGE, "planned with literal values from the server log",
        LOOKUP, SampledWhatIf.GENERIC));
  }

  /** PostgreSQL's PREPARE rejects {@code date $1} (a syntax error): 12 of the 19 TPC-H texts were skipped. */
  @Test
  void withoutASampleTheTypedLiteralsBecomeCasts() throws Exception {
    Recording recording = new Recording();
    new SampledWhatIf(recording, List.of(RANGE), ParameterSamples.none()).plan(List.of(RANGE), Set.of());
    assertThat(recording.planned).containsExactly("SELECT count(*) FROM orders WHERE o_orderdate >= CAST($1 AS date) "
        + "AND o_orderdate < CAST($2 AS date) + CAST($3 AS interval)");
  }
}
