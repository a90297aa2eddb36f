package io.querydoctor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CPU time of the measuring thread (public for the per-layer copies of {@link LayerLoop}, which another class
 * loader defines), for comparisons on a machine shared with other builds: when the two cores are
 * oversubscribed, wall-clock time per operation grows with the load, but the CPU time the thread itself spends
 * per operation does not (GC and JIT threads are not counted, which favours the layers that allocate more).
 * JMH measures wall-clock time; the harnesses that use this report both.
 */
public final class CpuClock {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuClock() {}

  /** CPU nanoseconds the current thread has used. */
  public static long threadCpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /**
   * CPU nanoseconds every thread of this process has used, the collector's and the compiler's included, or -1
   * where that cannot be read. The sum of each thread's run time in Linux's {@code /proc/self/task/<tid>/schedstat}
   * (nanoseconds): the JDK's {@code getProcessCpuTime} counts in clock ticks of 10 ms, a sixth of an H2 round.
   * Charges each layer for the collections its allocation causes, which {@link #threadCpuNanos} does not.
   */
  public static long processCpuNanos() {
    long total = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        total += runNanos(task.resolve("schedstat"));
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return total;
  }

  /** The first field of a schedstat file; 0 for a thread that ended meanwhile. */
  private static long runNanos(Path schedstat) throws IOException {
    String text;
    try {
      text = new String(Files.readAllBytes(schedstat), StandardCharsets.US_ASCII);
    } catch (java.nio.file.NoSuchFileException e) {
      return 0;
    }
    int end = text.indexOf(' ');
    return Long.parseLong(end < 0 ? text.strip() : text.substring(0, end));
  }

  /** Median, first and third quartile of {@code values}, formatted with {@code digits} decimals. */
  static String quartiles(List<Double> values, int digits) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    String format = "%." + digits + "f";
    return String.format(Locale.ROOT, format + " (IQR " + format + "–" + format + ", n=%d)", at(sorted, 0.5),
        at(sorted, 0.25), at(sorted, 0.75), sorted.length);
  }

  private static double at(double[] sorted, double quantile) {
    double index = quantile * (sorted.length - 1);
    int low = (int) Math.floor(index);
    int high = (int) Math.ceil(index);
    return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
  }
}
