package io.querydoctor.core.advisor;

import java.util.List;

/**
 * What the advisor decided for a workload.
 *
 * @param chosen the indexes to create, in the order they were picked (best first)
 * @param rejected every other candidate, each with why
 * @param skipped statements of the workload that were not used, with why
 * @param budgetBytes the storage budget that applied
 * @param workloadCostBefore Σ calls/h × cost of the planned workload with today's indexes
 * @param workloadCostAfter the same with the chosen indexes (and without the ones they make redundant)
 * @param method how costs were obtained ({@link WhatIf#method()})
 */
public record IndexAdvice(List<ChosenIndex> chosen, List<RejectedCandidate> rejected, List<SkippedQuery> skipped,
    long budgetBytes, double workloadCostBefore, double workloadCostAfter, String method) {

  public IndexAdvice {
    chosen = List.copyOf(chosen);
    rejected = List.copyOf(rejected);
    skipped = List.copyOf(skipped);
  }

  /** Bytes the chosen indexes take. */
  public long usedBytes() {
    return chosen.stream().mapToLong(ChosenIndex::sizeBytes).sum();
  }

  /**
   * Bytes the existing indexes take that the chosen ones make redundant (each counted once): what dropping
   * them frees. The selection charges an index that extends an existing one only its extra bytes, so
   * {@code usedBytes() - freedBytes()} is what is held against the budget.
   */
  public long freedBytes() {
    return chosen.stream().flatMap(c -> c.madeRedundant().stream()).distinct()
        .mapToLong(ExistingIndex::sizeBytes).sum();
  }

  /** A chosen index with the effect that earned it its place. */
  public record ChosenIndex(IndexCandidate index, long sizeBytes, List<QueryEffect> effects,
      double maintenanceCostPerHour, List<ExistingIndex> madeRedundant) {

    public ChosenIndex {
      effects = List.copyOf(effects);
      madeRedundant = List.copyOf(madeRedundant);
    }

    /** Σ calls × cost before, over the queries whose plans use it. */
    public double costBefore() {
      return effects.stream().mapToDouble(e -> e.query().callsPerHour() * e.costBefore()).sum();
    }

    public double costAfter() {
      return effects.stream().mapToDouble(e -> e.query().callsPerHour() * e.costAfter()).sum();
    }

    /** The share of its queries' cost it saves. */
    public double reduction() {
      double before = costBefore();
      return before == 0 ? 0 : (before - costAfter()) / before;
    }
  }

  /** One query's planner cost without and with the chosen indexes. */
  public record QueryEffect(WorkloadQuery query, double costBefore, double costAfter) {}

  /** A candidate that was not chosen, and why ("planner does not use it", "saves 4 %, needs 20 %", …). */
  public record RejectedCandidate(IndexCandidate index, String reason) {}

  /** A workload statement that was not used, and why (unparsable, cannot be planned, no table). */
  public record SkippedQuery(String fingerprint, String reason) {}
}
