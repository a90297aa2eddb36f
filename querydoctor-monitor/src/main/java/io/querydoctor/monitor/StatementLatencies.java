package io.querydoctor.monitor;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.monitor.log.MeasuredLatency;
import io.querydoctor.monitor.log.StatementLatency;
import io.querydoctor.monitor.sample.Sample;
import io.querydoctor.monitor.sample.StatementCounters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per interval, the percentiles of the statements with the most time: measured ones from the server log where
 * the log has the statement, estimates from mean and stddev otherwise, each labelled. A {@code
 * pg_stat_statements} entry and a logged statement are the same statement when their fingerprints match (the
 * fingerprinter turns the view's {@code $1} and the log's literals alike into {@code ?}).
 */
final class StatementLatencies {

  private static final SqlFingerprinter FINGERPRINTER = SqlFingerprinter.of(SqlDialect.POSTGRESQL);

  private StatementLatencies() {
  }

  /** At most {@code top} statements of the sample, then the logged statements the view did not name. */
  static List<StatementLatency> of(Sample sample, List<MeasuredLatency> logged, int top) {
    Map<String, MeasuredLatency> byFingerprint = new HashMap<>();
    logged.forEach(m -> byFingerprint.put(m.fingerprint(), m));
    List<StatementLatency> latencies = new ArrayList<>();
    List<StatementCounters> statements = sample.deltas() == null ? List.of() : sample.deltas().statements();
    for (StatementCounters s : statements.subList(0, Math.min(top, statements.size()))) {
      String fingerprint = FINGERPRINTER.fingerprint(s.query() == null ? "" : s.query()).id();
      MeasuredLatency measured = byFingerprint.remove(fingerprint);
      if (measured != null) {
        latencies.add(new StatementLatency(fingerprint, s.queryid(), s.query(), measured.calls(), measured.p50Ms(),
            measured.p95Ms(), measured.p99Ms(), true));
      } else if (!Double.isNaN(s.stddevExecMs())) {
        latencies.add(StatementLatency.estimate(fingerprint, s.queryid(), s.query(), s.calls(), s.meanExecMs(),
            s.stddevExecMs()));
      }
    }
    for (MeasuredLatency m : logged) {
      if (latencies.size() >= 2 * top) {
        break;
      }
      if (byFingerprint.containsKey(m.fingerprint())) {
        latencies.add(new StatementLatency(m.fingerprint(), null, m.normalized(), m.calls(), m.p50Ms(), m.p95Ms(),
            m.p99Ms(), true));
      }
    }
    return latencies;
  }
}
