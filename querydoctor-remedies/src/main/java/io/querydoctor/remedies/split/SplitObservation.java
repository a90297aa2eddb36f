package io.querydoctor.remedies.split;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.sql.Fingerprint;
import java.time.Duration;
import java.util.Optional;

/** The replica reads of one table that followed a write to it in the same scope: counts and the worst case. */
final class SplitObservation {

  private final String table;
  private long occurrences;
  private Duration shortestGap;
  private Duration largestLag;
  private String scopeName;
  private Fingerprint read;

  SplitObservation(String table) {
    this.table = table;
  }

  synchronized void seen(String scope, Fingerprint fingerprint, Duration gap, Optional<Duration> lag) {
    occurrences++;
    if (shortestGap == null || gap.compareTo(shortestGap) < 0) {
      shortestGap = gap;
      scopeName = scope;
      read = fingerprint;
    }
    lag.ifPresent(l -> largestLag = largestLag == null || l.compareTo(largestLag) > 0 ? l : largestLag);
  }

  synchronized Finding finding() {
    String lagText = largestLag == null ? "replica lag not observed"
        : "replica lag up to " + largestLag.toMillis() + " ms";
    Finding.Builder b = Finding.builder(ReadWriteSplit.RULE, Severity.MEDIUM)
        .title("Read of " + table + " sent to a replica " + shortestGap.toMillis() + " ms after a write to it in"
            + " the same unit of work (" + scopeName + "), " + lagText)
        .subject(Subject.table(table))
        .detail("A replica applies the primary's writes after a delay; a read sent there right after a write can"
            + " miss it (read-your-writes). The read: " + read.normalized())
        .evidence(Evidence.of("occurrences", occurrences, "count"))
        .evidence(Evidence.of("write_to_read_gap", shortestGap.toNanos() / 1e6, "ms"));
    if (largestLag != null) {
      b.evidence(Evidence.of("replica_lag", largestLag.toMillis(), "ms"));
    }
    return b.impact(Impact.unknown("stale reads right after writes"))
        .fix(Fix.action("Send the reads that follow a write in the same unit of work to the primary (route by"
            + " transaction: a read-write transaction stays on the primary), or wait until the replica has"
            + " replayed the write: after the commit read pg_current_wal_lsn() on the primary and read from the"
            + " replica only once its pg_last_wal_replay_lsn() is at least that"))
        .build();
  }
}
