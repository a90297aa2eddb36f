package io.querydoctor.postgres.advisor;

import io.querydoctor.core.advisor.IndexAdvice;
import io.querydoctor.core.finding.Finding;
import java.util.List;
import java.util.Map;

/**
 * What {@link IndexAdvisor} produced.
 *
 * @param advice the decisions: chosen indexes with their effect, rejected candidates with why, skipped statements
 * @param findings one {@code missing-index} finding per chosen index
 * @param ddl the statements that apply the advice: concurrent creates, then concurrent drops of indexes made
 *     redundant
 * @param statements how many workload statements were read
 * @param planning for each statement with parameters, by fingerprint: how it was planned (with a sample's
 *     literal values and where the sample came from, or {@link SampledWhatIf#GENERIC})
 */
public record AdvisorResult(IndexAdvice advice, List<Finding> findings, List<String> ddl, int statements,
    Map<String, String> planning) {

  public AdvisorResult {
    findings = List.copyOf(findings);
    ddl = List.copyOf(ddl);
    planning = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(planning));
  }

  public AdvisorResult(IndexAdvice advice, List<Finding> findings, List<String> ddl, int statements) {
    this(advice, findings, ddl, statements, Map.of());
  }

  /** How many statements were planned generically, for lack of sample values. */
  public long generic() {
    return planning.values().stream().filter(SampledWhatIf.GENERIC::equals).count();
  }
}
