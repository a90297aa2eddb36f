package io.querydoctor.postgres.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks say about the machine next to their timings: it is shared, so timings need its load. */
final class BenchmarkMachine {

  private BenchmarkMachine() {}

  /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or "unknown" off Linux. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }
}
