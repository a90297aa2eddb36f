package io.querydoctor.core.report;

import io.querydoctor.core.advisor.IndexAdvice;
import java.util.List;

/**
 * What the index advisor decided besides its findings (the chosen indexes are {@code missing-index} findings):
 * the budget and what the choice uses of it, the workload's planner cost before and after, and every candidate
 * it rejected with the reason. Shown by every format ({@code advise}).
 *
 * @param budgetBytes storage allowed for new indexes
 * @param newBytes what the chosen indexes take
 * @param freedBytes what dropping the existing indexes they make redundant frees; an index that extends an
 *     existing one is charged only its extra bytes, so {@code newBytes - freedBytes} is held against the budget
 * @param costBefore Σ calls/h × planner cost of the workload today
 * @param costAfter the same with the chosen indexes
 * @param method how costs were obtained (HypoPG, a sandbox)
 * @param rejected candidates not chosen, with why
 */
public record AdviceSection(long budgetBytes, long newBytes, long freedBytes, double costBefore, double costAfter,
    String method, List<RejectedIndex> rejected) {

  /** A candidate index that was not chosen: its definition and the reason ("saves 4 %, needs 20 %"). */
  public record RejectedIndex(String definition, String reason) {}

  public AdviceSection {
    rejected = List.copyOf(rejected);
  }

  public static AdviceSection of(IndexAdvice advice) {
    return new AdviceSection(advice.budgetBytes(), advice.usedBytes(), advice.freedBytes(),
        advice.workloadCostBefore(), advice.workloadCostAfter(), advice.method(),
        advice.rejected().stream().map(r -> new RejectedIndex(r.index().definition(), r.reason())).toList());
  }

  /** "Storage: 1.4 MB new, 0.3 MB freed …: net 1.1 MB of the budget 1.2 MB (1,250,000 bytes)." */
  public String storageLine() {
    String budget = "budget " + Quantities.bytes(budgetBytes) + " (" + Quantities.count(budgetBytes, "byte") + ")";
    if (freedBytes == 0) {
      return "Storage: " + Quantities.bytes(newBytes) + " of the " + budget + ".";
    }
    return "Storage: " + Quantities.bytes(newBytes) + " new, " + Quantities.bytes(freedBytes)
        + " freed by dropping the existing indexes they make redundant: net "
        + Quantities.bytes(newBytes - freedBytes) + " of the " + budget + ".";
  }

  /** "Workload planner cost (calls/h × cost): 1,234 → 56 with the chosen indexes. Costs: HypoPG." */
  public String costLine() {
    return "Workload planner cost (calls/h × cost): " + Quantities.number(costBefore) + " → "
        + Quantities.number(costAfter) + " with the chosen indexes. Costs: " + method + ".";
  }
}
