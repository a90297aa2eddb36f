package io.querydoctor.postgres.log;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.WorkloadDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Digests one log several times in one JVM and prints the throughput of each round, to separate the parser's
 * steady state from JIT warm-up (which the whole-command timings in docs/performance.md include). Run with
 * {@code <log file> <format id> [rounds]}; the prefix is detected.
 */
public final class DigestThroughput {

  private DigestThroughput() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    LogFormat format = LogFormat.parse(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    double megabytes = Files.size(file) / 1e6;
    for (int round = 1; round <= rounds; round++) {
      long start = System.nanoTime();
      WorkloadDigest digest = new LogFileDigester(format, null, DigestBuilder.DEFAULT_MAX_SHAPES,
          ProgressListener.NONE).digest(List.of(file));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "round %d: %d statements, %.2f s, %.0f MB/s%n", round, digest.statements(),
          seconds, megabytes / seconds);
    }
  }
}
