package io.querydoctor.postgres.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadFileTest {

  @Test
  void statementsSplitByPostgresRulesWithTheirWeights() {
    List<WorkloadStatement> statements = WorkloadFile.parse("""
        -- the literature's workload, equal weights
        SELECT * FROM lineitem WHERE l_shipdate <= date '1998-12-01' - interval '90' day;
        -- weight: 120
        SELECT o_orderkey FROM orders WHERE o_comment LIKE '%; special%';  /* a ; in a comment */
        SELECT $$;$$ AS text
        """);
    assertThat(statements).extracting(WorkloadStatement::sql).containsExactly(
        "SELECT * FROM lineitem WHERE l_shipdate <= date '1998-12-01' - interval '90' day",
        "SELECT o_orderkey FROM orders WHERE o_comment LIKE '%; special%'",
        "SELECT $$;$$ AS text");
    assertThat(statements).extracting(WorkloadStatement::callsPerHour).containsExactly(1.0, 120.0, 1.0);
  }

  @Test
  void nothingButCommentsIsNoStatement() {
    assertThat(WorkloadFile.parse("-- weight: 3\n/* nothing */\n;;")).isEmpty();
  }
}
