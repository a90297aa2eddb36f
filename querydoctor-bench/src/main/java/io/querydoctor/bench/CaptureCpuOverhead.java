package io.querydoctor.bench;

import io.querydoctor.core.capture.CaptureSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Per-statement cost of each capture layer in CPU time of the application thread, the layers interleaved
 * round by round so that every round compares them under the same load: {@link CaptureOverheadBenchmark}'s
 * prepared SELECT on the stub driver or on H2 in memory (prepare, bind, execute, read one row, close; QueryDoctor
 * with a scope per 10 statements). Prints, per layer, the median CPU ns per statement, and the median over rounds
 * of QueryDoctor's overhead divided by each peer's overhead (overhead = layer − raw in the same round); then the
 * same for the CPU time of the whole process, which charges each layer for the collections its allocation causes
 * (Linux only).
 *
 * <p>For comparing builds of QueryDoctor. Its ratios to the peers read low on H2 (about 0.05 for the target
 * configuration): next to the other layers raw JDBC runs slower than alone. {@link CaptureCpuAlone} measures those.
 *
 * <pre>
 * java -cp querydoctor-bench/target/benchmarks.jar io.querydoctor.bench.CaptureCpuOverhead [rounds] [stub|h2] [ours]
 * </pre>
 *
 * <p>{@code ours} names the QueryDoctor configuration to run (one of {@link #OURS}); without it all three run in
 * the same JVM. An application runs one configuration, and so does a JMH fork: with three, the JIT compiles
 * the paths of all of them into the same methods (the per-statement pipeline of {@code querydoctor-noscope}
 * inside the scoped path, say), a mix no application sees.
 */
public final class CaptureCpuOverhead {

  private static final String[] OURS = {"querydoctor", "querydoctor-norows", "querydoctor-noscope"};
  private static final String[] PEERS = {"p6spy-filtered", "dsproxy-slf4j", "dsproxy-count"};

  /** One layer's statement loop (see {@link LayerLoop}). */
  public interface Round {

    /** Runs one round; CPU nanoseconds per statement of this thread and of the process (negative: unknown). */
    double[] run() throws SQLException;

    long sink();
  }

  /**
   * Statements per timed round: H2 runs a real query, about ten times the stub's cost, so fewer keep a round as
   * long.
   */
  static int statementsPerRound(boolean h2) {
    return h2 ? 50_000 : 200_000;
  }

  /** {@code name} over {@code base}, in its own copy of the statement loop. */
  static Round layer(String name, DataSource base, int statementsPerRound) throws SQLException {
    CaptureSession[] captured = new CaptureSession[1];
    Connection connection = Layers.wrap(name, base, captured).getConnection();
    CaptureSession scoped = name.equals("querydoctor-noscope") ? null : captured[0];
    return LayerLoop.forLayer(connection, scoped, statementsPerRound);
  }

  public static void main(String[] args) throws SQLException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    boolean h2 = args.length > 1 && args[1].equals("h2");
    String[] ours = args.length > 2 ? new String[] {ours(args[2])} : OURS;
    String[] all = layers(ours);
    int statementsPerRound = statementsPerRound(h2);
    Map<String, Round> layers = new LinkedHashMap<>();
    Map<String, List<Double>> threadNanos = new LinkedHashMap<>();
    Map<String, List<Double>> processNanos = new LinkedHashMap<>();
    DataSource database = h2 ? CaptureOverheadBenchmark.h2() : null;
    for (String name : all) {
      DataSource base = h2 ? database : new StubDataSource();
      layers.put(name, layer(name, base, statementsPerRound));
      threadNanos.put(name, new ArrayList<>());
      processNanos.put(name, new ArrayList<>());
    }
    for (int round = -5; round < rounds; round++) {
      for (int k = 0; k < all.length; k++) {
        String name = all[Math.floorMod(k + round, all.length)];
        double[] perStatement = layers.get(name).run();
        if (round >= 0) {
          threadNanos.get(name).add(perStatement[0]);
          processNanos.get(name).add(perStatement[1]);
        }
      }
    }
    String workload = String.format("selectByPk on %s, %d rounds of %d statements per layer",
        h2 ? "H2" : "the stub driver", rounds, statementsPerRound);
    report(workload + ", CPU ns per statement of the application thread", "", threadNanos, ours, rounds);
    if (processNanos.get("raw").get(0) >= 0) {
      report("The same rounds in CPU ns per statement of the whole process (the collector's work included)",
          "process CPU ", processNanos, ours, rounds);
    }
    long checksum = 0;
    for (Round l : layers.values()) {
      checksum += l.sink();
    }
    System.out.println("  (checksum " + checksum + ")");
  }

  /** Each layer's quartiles, our overhead over each peer's round by round, and between the fastest rounds. */
  private static void report(String title, String label, Map<String, List<Double>> nanos, String[] ours,
      int rounds) {
    System.out.println(title);
    nanos.forEach((name, values) -> System.out.printf("  %-20s %s%n", name, CpuClock.quartiles(values, 1)));
    for (String peer : PEERS) {
      for (String our : ours) {
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          double raw = nanos.get("raw").get(r);
          ratios.add((nanos.get(our).get(r) - raw) / (nanos.get(peer).get(r) - raw));
        }
        System.out.printf("  %soverhead %s / %s: %s%n", label, our, peer, CpuClock.quartiles(ratios, 2));
      }
    }
    // Noise on a shared machine (other tenants, GC, JIT threads) only ever adds time: the fastest round of each
    // layer is the estimate least disturbed by it (Chen and Revels, "Robust benchmarking in noisy
    // environments", 2016), so the overheads between the fastest rounds are printed as well.
    double fastestRaw = Collections.min(nanos.get("raw"));
    double peer = Collections.min(nanos.get("p6spy-filtered")) - fastestRaw;
    for (String our : ours) {
      double overhead = Collections.min(nanos.get(our)) - fastestRaw;
      System.out.printf(Locale.ROOT, "  %sfastest rounds: %s overhead %.1f ns / p6spy-filtered %.1f ns = %.2f%n",
          label, our, overhead, peer, overhead / peer);
    }
  }

  private static String ours(String name) {
    if (!Arrays.asList(OURS).contains(name)) {
      throw new IllegalArgumentException("unknown configuration " + name + "; one of " + Arrays.toString(OURS));
    }
    return name;
  }

  /** Raw JDBC, then {@code ours}, then the peers. */
  private static String[] layers(String[] ours) {
    List<String> layers = new ArrayList<>();
    layers.add("raw");
    layers.addAll(Arrays.asList(ours));
    layers.addAll(Arrays.asList(PEERS));
    return layers.toArray(new String[0]);
  }
}
