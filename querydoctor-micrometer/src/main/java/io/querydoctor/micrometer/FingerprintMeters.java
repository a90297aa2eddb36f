package io.querydoctor.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.querydoctor.core.capture.FingerprintSummary;
import io.querydoctor.core.capture.StatementEvent;
import io.querydoctor.core.capture.WorkloadAggregate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Statements, time and rows per query fingerprint, for the top shapes only: every other statement counts under
 * the fingerprint tag {@code other}, so the number of series stays at most {@code slots + 1} whatever the
 * application runs (the metric explosion JavaMelody and datasource-proxy users hit with one series per SQL).
 *
 * <p>Design note: which fingerprints get their own series is decided by {@link #rerank}, from the capture
 * session's aggregate ranked by total time, not per statement. A statement is counted where its fingerprint
 * stands when it runs and never moves afterwards, so every series only grows: a fingerprint promoted from
 * {@code other} starts its own series at zero (its past stays in {@code other}), and one pushed out of the top
 * has its series removed and counts under {@code other} from then on. Recording is a map lookup plus the
 * meters' own work.
 */
final class FingerprintMeters {

  static final String QUERY = "querydoctor.query";
  static final String ROWS = "querydoctor.query.rows";

  private final MeterRegistry registry;
  private final int slots;
  private final Map<String, Series> own = new ConcurrentHashMap<>();
  private final Series other;

  FingerprintMeters(MeterRegistry registry, int slots) {
    this.registry = registry;
    this.slots = slots;
    this.other = new Series(registry, WorkloadAggregate.OTHER);
  }

  void record(StatementEvent event) {
    Series series = own.get(event.fingerprint().id());
    (series != null ? series : other).record(event);
  }

  /** Gives the {@code slots} fingerprints with the most total time their own series; removes the others'. */
  synchronized void rerank(List<FingerprintSummary> byTotalTime) {
    Set<String> top = new HashSet<>();
    for (FingerprintSummary s : byTotalTime) {
      if (top.size() == slots) {
        break;
      }
      if (!s.fingerprintId().equals(WorkloadAggregate.OTHER)) {
        top.add(s.fingerprintId());
      }
    }
    own.keySet().removeIf(id -> {
      if (top.contains(id)) {
        return false;
      }
      own.get(id).remove(registry);
      return true;
    });
    top.forEach(id -> own.computeIfAbsent(id, key -> new Series(registry, key)));
  }

  /** The fingerprints with their own series now. */
  Set<String> tracked() {
    return Set.copyOf(own.keySet());
  }

  /** One fingerprint's meters: a timer per outcome (count and time) and a row counter. */
  private static final class Series {
    final Timer succeeded;
    final Timer failed;
    final Counter rows;

    Series(MeterRegistry registry, String fingerprint) {
      succeeded = timer(registry, fingerprint, "success");
      failed = timer(registry, fingerprint, "failure");
      rows = Counter.builder(ROWS).description("Rows returned or affected by statements of this query shape")
          .baseUnit("rows").tag("fingerprint", fingerprint).register(registry);
    }

    private static Timer timer(MeterRegistry registry, String fingerprint, String outcome) {
      return Timer.builder(QUERY).description("Statements of this query shape and the time the database took")
          .tag("fingerprint", fingerprint).tag("outcome", outcome).register(registry);
    }

    void record(StatementEvent event) {
      (event.failed() ? failed : succeeded).record(Math.max(0, event.elapsedNanos()), TimeUnit.NANOSECONDS);
      if (event.rows() > 0) {
        rows.increment(event.rows());
      }
    }

    void remove(MeterRegistry registry) {
      for (Meter meter : List.of(succeeded, failed, rows)) {
        registry.remove(meter);
      }
    }
  }
}
