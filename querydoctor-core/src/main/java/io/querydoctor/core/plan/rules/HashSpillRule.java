package io.querydoctor.core.plan.rules;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.plan.HashInfo;
import io.querydoctor.core.plan.NodeKind;
import io.querydoctor.core.plan.PlanNode;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hash-spill}: a hash join's hash table or a hashed aggregate did not fit in memory and was split into
 * batches written to disk. Needs ANALYZE.
 */
public final class HashSpillRule implements PlanRule {

  public static final String ID = "hash-spill";

  @Override
  public String id() {
    return ID;
  }

  /**
   * A spilled hash table costs where the batches are written and re-read: in the hash node and in the join
   * above it (which partitions its outer side into batches too), so the join's own time counts as well.
   */
  private static double spillMillis(PlanContext context, PlanNode node) {
    double millis = context.plan().time(node).selfMillis();
    PlanNode parent = context.plan().parent(node);
    if (node.kind() == NodeKind.HASH && parent != null && parent.kind().isJoin()) {
      millis += context.plan().time(parent).selfMillis();
    }
    return millis;
  }

  @Override
  public List<PlanFinding> check(PlanContext context) {
    List<PlanFinding> findings = new ArrayList<>();
    for (PlanNode node : context.plan().nodes()) {
      HashInfo hash = node.hash();
      if (hash == null || (hash.batches() < context.settings().hashSpillMinBatches() && hash.diskKb() == 0)) {
        continue;
      }
      // Each batch holds about the peak memory; the whole table needs about batches × peak.
      double neededKb = Math.max(hash.peakMemoryKb() * (double) Math.max(1, hash.batches()), hash.diskKb());
      long workMem = WorkMem.megabytesFor(neededKb);
      String what = node.kind() == NodeKind.AGGREGATE ? "hashed aggregate" : "hash table";
      findings.add(new PlanFinding(node, NodeFindings.start(context, ID, node, spillMillis(context, node),
              "The " + what + " did not fit in work_mem × hash_mem_multiplier and was split into "
                  + hash.batches() + " batches written to temporary files.")
          .title("The " + what + " spilled to disk in " + hash.batches() + " batches")
          .subject(context.querySubject())
          .evidence(Evidence.crossed("hash_batches", hash.batches(), "count",
              context.settings().hashSpillMinBatches()))
          .evidence(Evidence.of("peak_memory_kb", hash.peakMemoryKb(), "kB"))
          .fix(Fix.setting("Give the hash about " + Quantities.bytes(neededKb * 1024) + ": raise work_mem to "
              + workMem + " MB (or hash_mem_multiplier), or hash the smaller input by filtering it first.",
              WorkMem.setting(workMem)))
          .build()));
    }
    return findings;
  }
}
