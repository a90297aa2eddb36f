package io.querydoctor.remedies.write.bench;

import io.querydoctor.remedies.write.WriteDialect;
import io.querydoctor.remedies.write.WriteStrategy;
import java.util.List;
import java.util.Locale;

/**
 * The runbook's bulk-insert table (method, records, time, records/s) for measured results, with the speed-up
 * over one statement per row, and the runbook's own numbers under it for comparison.
 */
public final class BenchTable {

  /**
   * Runbook 003, "Bulk Insert Performance": 1 000 records each, individual inserts 19/s, batches of 100 312/s,
   * of 500 476/s, a stream write 555/s (an ORM over the network, per the runbook).
   */
  public static final String RUNBOOK = "runbook 003 (1,000 records): individual inserts 19/s, batch of 100 312/s, "
      + "batch of 500 476/s, stream write 555/s";

  private BenchTable() {}

  /** The table; the first result is the baseline the speed-ups divide by. */
  public static String render(List<BenchResult> results) {
    return render(results, null);
  }

  /** The table with the strategies named as {@code dialect} names them (null: as {@link WriteStrategy} does). */
  public static String render(List<BenchResult> results, WriteDialect dialect) {
    java.util.function.Function<BenchResult, String> label =
        r -> dialect == null ? r.strategy().label() : r.strategy().label(dialect);
    int width = Math.max("strategy".length(),
        results.stream().mapToInt(r -> label.apply(r).length()).max().orElse(0));
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-" + width + "s  %8s  %8s  %10s  %8s%n", "strategy", "rows", "seconds",
        "rows/s", "speed-up"));
    BenchResult baseline = results.isEmpty() ? null : results.get(0);
    for (BenchResult r : results) {
      out.append(String.format(Locale.ROOT, "%-" + width + "s  %,8d  %8.2f  %,10.0f  %7.1f×%n", label.apply(r),
          r.rows(), r.seconds(), r.rowsPerSecond(), r.speedUp(baseline)));
    }
    return out.toString();
  }
}
