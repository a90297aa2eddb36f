package io.querydoctor.core.plan.rules;

/**
 * Thresholds of the plan rules. Defaults are RULES.md's; the floors that RULES.md leaves implicit keep rules
 * quiet on tiny inputs, where no plan choice matters.
 *
 * @param seqScanMinRows a sequential scan matters from this many rows read (RULES.md: 10 000)
 * @param seqScanMaxKeptRatio ... when its filter keeps at most this share of them (RULES.md: 10 %)
 * @param estimateMismatchFactor estimated vs actual rows differ by this factor either way (RULES.md: 10×)
 * @param estimateMismatchMinRows ... and the larger of the two is at least this (a 1-vs-12 row miss changes
 *     no plan)
 * @param hashSpillMinBatches a hash spilled when it used at least this many batches (RULES.md: > 1)
 * @param nestedLoopMinLoops inner side runs at least this many times (RULES.md: 1 000)
 * @param inefficientIndexRemovedRatio an index scan's filter removes at least this share (RULES.md: 90 %)
 * @param joinExplosionFactor a join emits this many times its larger input (RULES.md: 10×)
 * @param heavyAggregationMinRows aggregate input rows (RULES.md: 1 000 000)
 * @param heavyAggregationMinShare ... and the aggregate's subtree takes this share of the query ("dominates")
 * @param topNMinInput a LIMIT's sort reads at least this many rows (RULES.md: 10 000)
 * @param heapFetchesMinRatio heap fetches over rows returned by an index-only scan (RULES.md: 10 %)
 * @param minRowsExamined floor for index, filter and join rules: below this many rows nothing is worth fixing
 */
public record PlanRuleSettings(
    long seqScanMinRows,
    double seqScanMaxKeptRatio,
    double estimateMismatchFactor,
    long estimateMismatchMinRows,
    long hashSpillMinBatches,
    long nestedLoopMinLoops,
    double inefficientIndexRemovedRatio,
    double joinExplosionFactor,
    long heavyAggregationMinRows,
    double heavyAggregationMinShare,
    long topNMinInput,
    double heapFetchesMinRatio,
    long minRowsExamined) {

  public static PlanRuleSettings defaults() {
    return new PlanRuleSettings(10_000, 0.10, 10, 1_000, 2, 1_000, 0.90, 10, 1_000_000, 0.5, 10_000, 0.10, 1_000);
  }
}
