package io.querydoctor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CPU time of the measuring thread, for comparisons on a machine shared with other builds: when the two
 * cores are oversubscribed, wall-clock time per operation grows with the load, but the CPU time the thread
 * itself spends per operation does not (GC and JIT threads are not counted, which favours the layers that
 * allocate more). JMH measures wall-clock time; the harnesses that use this report both.
 */
final class CpuClock {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuClock() {}

  /** CPU nanoseconds the current thread has used. */
  static long threadCpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
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
