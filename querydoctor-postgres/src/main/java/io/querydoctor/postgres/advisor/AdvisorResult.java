package io.querydoctor.postgres.advisor;

import io.querydoctor.core.advisor.IndexAdvice;
import io.querydoctor.core.finding.Finding;
import java.util.List;

/**
 * What {@link IndexAdvisor} produced.
 *
 * @param advice the decisions: chosen indexes with their effect, rejected candidates with why, skipped statements
 * @param findings one {@code missing-index} finding per chosen index
 * @param ddl the statements that apply the advice: concurrent creates, then concurrent drops of indexes made
 *     redundant
 * @param statements how many workload statements were read
 */
public record AdvisorResult(IndexAdvice advice, List<Finding> findings, List<String> ddl, int statements) {

  public AdvisorResult {
    findings = List.copyOf(findings);
    ddl = List.copyOf(ddl);
  }
}
