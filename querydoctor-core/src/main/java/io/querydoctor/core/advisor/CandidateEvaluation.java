package io.querydoctor.core.advisor;

import io.querydoctor.core.advisor.IndexAdvice.QueryEffect;
import java.util.List;

/**
 * One candidate's worth under the configuration it was evaluated against.
 *
 * @param sizeBytes its size
 * @param netSizeBytes what it adds to the configuration: its size minus the chosen index it replaces (a prefix)
 *     and the existing indexes it makes redundant
 * @param benefit Σ calls/h × planner cost saved over the queries it touches
 * @param maintenance its upkeep on writes, in the same units, when it adds an index
 * @param reduction the share of the cost of the queries that use it that it saves
 * @param usedBy the queries whose plans use it, with their costs before and after
 * @param replaces the chosen indexes it extends (their keys start its keys)
 * @param failure why it could not be evaluated, or null
 */
record CandidateEvaluation(IndexCandidate candidate, long sizeBytes, long netSizeBytes, double benefit,
    double maintenance, double reduction, List<QueryEffect> usedBy, List<IndexCandidate> replaces, String failure) {

  /** Below one page, sizes are noise: do not let a tiny index's benefit per byte explode. */
  private static final long MIN_SIZE_FOR_RATIO = 8192;

  /** Net benefit per added byte (DB2Advis, Extend) or net benefit alone (AutoAdmin). */
  double score(boolean perByte) {
    return perByte ? (benefit - maintenance) / Math.max(netSizeBytes, MIN_SIZE_FOR_RATIO) : benefit - maintenance;
  }
}
