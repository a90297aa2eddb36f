package io.querydoctor.postgres.plan;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.Plan;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.report.Quantities;
import java.util.Optional;

/**
 * {@code sort-spill} / {@code hash-spill} for a statement that pg_stat_statements says wrote temporary files,
 * judged without running it: the statistics prove the spill ({@code temp_blks_written}), the plain plan shows
 * which operation needs the memory (a Sort, else a Hash or HashAggregate). This is how a spill is found in a
 * diagnosis that must not run the application's queries; the application's own session settings (a lowered
 * {@code work_mem}) are part of what the statistics saw and the plan may not.
 */
final class StatementSpill {

  /** PostgreSQL's block size; temp_blks_written counts blocks of it. */
  private static final long BLOCK_BYTES = 8192;

  private StatementSpill() {}

  /**
   * A finding when the statement spilled and its plan has an operation that can: a sort, else a hash.
   *
   * @param tempBlocksWritten pg_stat_statements' temp_blks_written since the reset
   */
  static Optional<Finding> of(Plan plan, String fingerprint, String query, long calls, double callsPerHour,
      double meanMillis, long tempBlocksWritten) {
    if (tempBlocksWritten <= 0 || calls <= 0) {
      return Optional.empty();
    }
    PlanNode sort = first(plan, NodeKind.SORT);
    PlanNode node = sort != null ? sort : firstHash(plan);
    if (node == null) {
      return Optional.empty();
    }
    double bytesPerCall = tempBlocksWritten * (double) BLOCK_BYTES / calls;
    double share = plan.time(node).share();
    double millis = share * meanMillis;
    long workMemMb = workMemFor(bytesPerCall);
    String operation = sort != null ? "sort" : "hash";
    String keys = sort != null && sort.sort() != null ? String.join(", ", sort.sort().keys()) : "";
    Finding finding = Finding.builder(sort != null ? "sort-spill" : "hash-spill",
            share >= 0.5 ? Severity.MEDIUM : Severity.LOW)
        .title("A " + operation + " writes " + Quantities.bytes(bytesPerCall) + " to temporary files per execution")
        .subject(Subject.fingerprint(fingerprint))
        .detail("pg_stat_statements counted " + Quantities.number(tempBlocksWritten) + " temporary blocks written by "
            + Quantities.number(calls) + " executions: the " + operation + " in its plan (" + plan.path(node)
            + ") did not fit in the session's work_mem and went through disk. Query " + fingerprint + ": " + query)
        .evidence(Evidence.crossed("temp_bytes_per_call", Math.round(bytesPerCall), "bytes", 0))
        .evidence(Evidence.of("calls", calls, "count"))
        .evidence(Evidence.of("share_of_plan_cost", Math.round(share * 1000) / 1000.0, "ratio"))
        .impact(new Impact(millis * Math.max(callsPerHour, 1), Quantities.millis(millis)
            + " per execution (the " + operation + "'s share of the plan cost × mean time) × "
            + Quantities.number(callsPerHour) + " calls/h"))
        .fix(Fix.setting("Give the " + operation + " the memory it needs (about " + workMemMb + " MB) in the sessions "
            + "that run it" + (keys.isEmpty() ? "" : ", or add an index that returns the rows in order of " + keys)
            + "; a lowered work_mem in the application's session is a common cause.",
            "SET work_mem = '" + workMemMb + "MB';  -- in that session, or ALTER ROLE … SET work_mem"))
        .concerns(Subject.fingerprint(fingerprint))
        .build();
    return Optional.of(finding);
  }

  /** Disk runs take less room than the in-memory sort: twice the spilled bytes, rounded up to a power of two. */
  static long workMemFor(double spilledBytes) {
    long mb = Math.max(4, (long) Math.ceil(2 * spilledBytes / (1024 * 1024)));
    return Long.highestOneBit(mb - 1) << 1;
  }

  private static PlanNode first(Plan plan, NodeKind kind) {
    return plan.nodes().stream().filter(n -> n.kind() == kind).findFirst().orElse(null);
  }

  private static PlanNode firstHash(Plan plan) {
    return plan.nodes().stream()
        .filter(n -> n.kind() == NodeKind.HASH || "Hashed".equals(n.strategy()))
        .findFirst().orElse(null);
  }
}
