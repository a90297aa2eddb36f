package io.querydoctor.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.querydoctor.core.digest.BaselineChanges;
import io.querydoctor.core.digest.BaselineComparison;
import io.querydoctor.core.digest.DigestFile;
import io.querydoctor.core.digest.DigestThresholds;
import io.querydoctor.core.finding.Finding;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What changed since a saved run ({@code --baseline}): findings that are new, findings that are resolved, and
 * the workload's latency regressions ({@code latency-regression}, judged by {@link BaselineComparison}: p95 or
 * mean at least the factor, 2× by default, above the baseline's). The regressions are also findings of the
 * report, so {@code --fail-on} gates on them.
 *
 * @param baseline the baseline file's name
 * @param baselineSavedAt when it was saved
 * @param newFindings findings of this run whose key the baseline does not have (latency regressions excluded)
 * @param resolvedFindings findings of the baseline this run no longer has
 * @param regressions the latency-regression findings
 * @param workload new and vanished query shapes, or {@code null} when either run had no workload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunComparison(String baseline, java.time.Instant baselineSavedAt, List<FindingRef> newFindings,
    List<FindingRef> resolvedFindings, List<FindingRef> regressions, BaselineChanges workload) {

  public RunComparison {
    newFindings = List.copyOf(newFindings);
    resolvedFindings = List.copyOf(resolvedFindings);
    regressions = List.copyOf(regressions);
  }

  /**
   * Compares {@code current} with {@code saved}; returns the report with this comparison and the latency
   * regressions added to its findings.
   */
  public static Report compare(Report current, RunBaseline saved, String name, DigestThresholds thresholds) {
    List<Finding> regressions = List.of();
    BaselineChanges workload = null;
    if (current.workload() != null && saved.workload() != null) {
      workload = new BaselineComparison(thresholds).compare(current.workload().digest(),
          new DigestFile(DigestFile.FORMAT, DigestFile.VERSION, saved.savedAt(), saved.workload()), name);
      regressions = workload.regressions();
    }
    Set<String> before = saved.findings().stream().map(FindingRef::key).collect(Collectors.toSet());
    Set<String> now = current.findings().stream().map(Finding::key).collect(Collectors.toSet());
    List<FindingRef> added = current.findings().stream().filter(f -> !before.contains(f.key()))
        .map(FindingRef::of).toList();
    List<FindingRef> resolved = saved.findings().stream().filter(f -> !now.contains(f.key()))
        .filter(f -> !f.ruleId().equals(BaselineComparison.RULE)).toList();
    RunComparison comparison = new RunComparison(name, saved.savedAt(), added, resolved,
        regressions.stream().map(FindingRef::of).toList(), workload);
    Report withRegressions = current.plus(regressions, List.of());
    return withRegressions.withFindings(withRegressions.findings(), withRegressions.suppressed(), comparison);
  }

  /** This comparison without the findings whose keys are suppressed. */
  RunComparison without(Collection<String> suppressedKeys) {
    return new RunComparison(baseline, baselineSavedAt,
        newFindings.stream().filter(f -> !suppressedKeys.contains(f.key())).toList(), resolvedFindings,
        regressions.stream().filter(f -> !suppressedKeys.contains(f.key())).toList(), workload);
  }

  /** This comparison with {@code prose} applied to the titles and {@code workload} to the shape changes. */
  RunComparison mapText(java.util.function.UnaryOperator<String> prose,
      java.util.function.UnaryOperator<BaselineChanges> shapes) {
    return new RunComparison(baseline, baselineSavedAt, titles(newFindings, prose), titles(resolvedFindings, prose),
        titles(regressions, prose), workload == null ? null : shapes.apply(workload));
  }

  private static List<FindingRef> titles(List<FindingRef> refs, java.util.function.UnaryOperator<String> prose) {
    return refs.stream().map(r -> new FindingRef(r.key(), r.ruleId(), r.severity(), prose.apply(r.title()))).toList();
  }
}
