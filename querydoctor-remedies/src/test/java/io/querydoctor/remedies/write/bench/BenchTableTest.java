package io.querydoctor.remedies.write.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.remedies.write.WriteStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTableTest {

  /** The runbook's own rows, as if measured: the speed-ups are rows/s over the first row's rows/s. */
  @Test
  void speedUpsAreOverTheFirstStrategy() {
    String table = BenchTable.render(List.of(new BenchResult(WriteStrategy.ONE_PER_ROW, 1_000, 52.0),
        new BenchResult(WriteStrategy.BATCH_100, 1_000, 3.2), new BenchResult(WriteStrategy.COPY, 1_000, 1.8)));
    assertThat(table.lines()).containsExactly(
        "strategy                               rows   seconds      rows/s  speed-up",
        "one statement per row, autocommit     1,000     52.00          19      1.0×",
        "JDBC batches of 100                   1,000      3.20         313     16.3×",
        "COPY FROM STDIN (streamed)            1,000      1.80         556     28.9×");
  }
}
