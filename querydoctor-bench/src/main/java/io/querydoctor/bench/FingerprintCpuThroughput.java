package io.querydoctor.bench;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fingerprinting throughput of unseen statements per CPU-second of the fingerprinting thread (the target is
 * "100 MB/s of SQL text on one core"), over the same corpus as {@link FingerprintBenchmark}. Runs warm-up
 * rounds, then measured rounds of about 20 MB each, and prints the median MB per CPU-second and per
 * wall-clock second with quartiles.
 *
 * <pre>java -cp querydoctor-bench/target/benchmarks.jar io.querydoctor.bench.FingerprintCpuThroughput [rounds]</pre>
 */
public final class FingerprintCpuThroughput {

  private FingerprintCpuThroughput() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
    String[] corpus = SqlCorpus.statements(new Random(42), 512);
    long corpusChars = 0;
    for (String sql : corpus) {
      corpusChars += sql.length();
    }
    int passes = (int) Math.max(1, 20_000_000L / corpusChars);
    long sink = 0;
    List<Double> perCpuSecond = new ArrayList<>();
    List<Double> perWallSecond = new ArrayList<>();
    for (int round = -5; round < rounds; round++) {
      long cpu = CpuClock.threadCpuNanos();
      long wall = System.nanoTime();
      for (int pass = 0; pass < passes; pass++) {
        for (String sql : corpus) {
          sink += fingerprinter.fingerprint(sql).normalized().length();
        }
      }
      double megabytes = passes * corpusChars / 1e6;
      if (round >= 0) {
        perCpuSecond.add(megabytes / ((CpuClock.threadCpuNanos() - cpu) / 1e9));
        perWallSecond.add(megabytes / ((System.nanoTime() - wall) / 1e9));
      }
    }
    System.out.printf("fingerprint, unseen statements (%d statements, %.0f chars on average, %d rounds of %.1f MB)%n",
        corpus.length, (double) corpusChars / corpus.length, rounds, passes * corpusChars / 1e6);
    System.out.println("  MB per CPU-second:  " + CpuClock.quartiles(perCpuSecond, 1));
    System.out.println("  MB per wall second: " + CpuClock.quartiles(perWallSecond, 1));
    System.out.println("  (checksum " + sink + ")");
  }
}
