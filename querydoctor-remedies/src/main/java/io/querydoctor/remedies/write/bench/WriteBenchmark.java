package io.querydoctor.remedies.write.bench;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.remedies.write.WriteDialect;
import io.querydoctor.remedies.write.WriteStrategy;
import io.querydoctor.remedies.write.WriteTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the same synthetic rows with each {@link WriteStrategy} into a {@link ScratchTable} and times each.
 * The rows are generated before the clock starts and counted in the table after it stops, so a strategy that
 * lost rows cannot look fast. The scratch table is emptied between strategies, so each one writes into an
 * empty table with the original's indexes, as the first one did. Each strategy first writes {@link #WARM_UP_ROWS}
 * rows untimed, so that the first one measured does not pay alone for class loading, JIT and the server's caches.
 */
public final class WriteBenchmark {

  /** Rows each strategy writes, untimed, before it is measured. */
  static final int WARM_UP_ROWS = 100;

  private final WriteDialect dialect;
  private final Connection plain;
  private final Connection rewriting;
  private final ProgressListener progress;
  private final List<String> skipped = new ArrayList<>();

  /**
   * @param plain a connection as the application would have it (autocommit on), for every strategy but the batches
   * @param rewriting a connection opened with {@link WriteDialect#batchRewriteParameter()}, for the batches
   */
  public WriteBenchmark(WriteDialect dialect, Connection plain, Connection rewriting, ProgressListener progress) {
    this.dialect = dialect;
    this.plain = plain;
    this.rewriting = rewriting;
    this.progress = progress;
  }

  /** Runs every strategy the connection supports, {@code rows} rows each, in {@link WriteStrategy} order. */
  public List<BenchResult> run(ScratchTable scratch, TableShape shape, long rows) throws SQLException {
    List<ColumnShape> columns = shape.writable();
    SyntheticRows generated = new SyntheticRows(columns);
    WriteTarget target = new WriteTarget(scratch.name(), columns.stream().map(ColumnShape::name).toList(),
        columns.stream().map(SyntheticRows::boundAsOther).toList(), dialect);
    List<BenchResult> results = new ArrayList<>();
    for (WriteStrategy strategy : WriteStrategy.values()) {
      if (strategy == WriteStrategy.COPY && !dialect.canStream(plain)) {
        skipped.add(dialect.streamDisabledReason());
        continue;
      }
      results.add(measure(strategy, scratch, target, generated, rows));
    }
    return results;
  }

  /** Why a strategy was left out of the last {@link #run} (one line each, with the setting that enables it). */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  private BenchResult measure(WriteStrategy strategy, ScratchTable scratch, WriteTarget target,
      SyntheticRows generated, long rows) throws SQLException {
    Connection connection = strategy.isBatch() ? rewriting : plain;
    strategy.write(connection, target, generated.rows(Math.min(rows, WARM_UP_ROWS)), done -> { });
    scratch.empty();
    List<Object[]> prepared = new ArrayList<>((int) Math.min(rows, Integer.MAX_VALUE));
    generated.rows(rows).forEachRemaining(prepared::add);
    progress.progress(strategy.label(), 0, rows);
    long start = System.nanoTime();
    strategy.write(connection, target, prepared.iterator(), done -> progress.progress(strategy.label(), done, rows));
    double seconds = (System.nanoTime() - start) / 1e9;
    long written = scratch.count();
    if (written != rows) {
      throw new SQLException(strategy.label() + " wrote " + written + " rows of " + rows);
    }
    scratch.empty();
    return new BenchResult(strategy, written, seconds);
  }
}
