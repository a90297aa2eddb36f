package io.querydoctor.bench;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * One layer alone in its JVM, as an application runs it and as a JMH fork does: {@link CaptureCpuOverhead}'s
 * statement loop, timed in CPU time of the application thread and of the whole process. Run it for raw JDBC,
 * QueryDoctor and a peer in alternating JVMs and compare the medians over JVMs
 * ({@code scripts/bench/capture-cpu-alone.sh}).
 *
 * <p>Why alone. With all layers in one JVM, the JIT compiles H2 and the JDK for all of them at once: raw JDBC ran
 * about 50 ns per statement slower there than alone, which shrinks every layer's overhead (layer − raw) by as much,
 * and QueryDoctor's ratio to p6spy's by about 0.05. The interleaved harness stays useful for comparing two builds
 * of QueryDoctor; ratios to the peers are measured with this one.
 *
 * <pre>
 * java -cp querydoctor-bench/target/benchmarks.jar io.querydoctor.bench.CaptureCpuAlone layer [rounds] [stub|h2]
 * </pre>
 *
 * Prints one line: the layer, then the median and the fastest round in thread CPU ns per statement, then the
 * median in process CPU ns per statement.
 */
public final class CaptureCpuAlone {

  private static final int WARMUP_ROUNDS = 25;

  private CaptureCpuAlone() {}

  public static void main(String[] args) throws SQLException {
    String layer = args[0];
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean h2 = args.length <= 2 || args[2].equals("h2");
    DataSource base = h2 ? CaptureOverheadBenchmark.h2() : new StubDataSource();
    CaptureCpuOverhead.Round loop = CaptureCpuOverhead.layer(layer, base,
        CaptureCpuOverhead.statementsPerRound(h2));
    List<Double> thread = new ArrayList<>();
    List<Double> process = new ArrayList<>();
    for (int round = -WARMUP_ROUNDS; round < rounds; round++) {
      double[] perStatement = loop.run();
      if (round >= 0) {
        thread.add(perStatement[0]);
        process.add(perStatement[1]);
      }
    }
    Collections.sort(thread);
    Collections.sort(process);
    System.out.printf(Locale.ROOT, "%s %.1f %.1f %.1f (checksum %d)%n", layer, thread.get(rounds / 2),
        thread.get(0), process.get(rounds / 2), loop.sink());
  }
}
