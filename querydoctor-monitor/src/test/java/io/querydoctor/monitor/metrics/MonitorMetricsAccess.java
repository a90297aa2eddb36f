package io.querydoctor.monitor.metrics;

/** Test access to the metrics' package-private bounds. */
public final class MonitorMetricsAccess {

  private MonitorMetricsAccess() {
  }

  public static int maxTracked() {
    return MonitorMetrics.MAX_TRACKED;
  }
}
