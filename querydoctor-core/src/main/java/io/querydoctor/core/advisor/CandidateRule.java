package io.querydoctor.core.advisor;

import java.util.List;

/**
 * Proposes index candidates for one table access of one query. Rules only propose; the planner (through
 * {@link WhatIf}) and {@link IndexSelection} decide. Implementations are stateless and thread-safe.
 */
public interface CandidateRule {

  /** Candidates for {@code access}; empty when the rule has nothing to offer for it. */
  List<IndexCandidate> propose(TableAccess access);
}
