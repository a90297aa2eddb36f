package io.querydoctor.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one diagnosis: findings ranked by impact, plus what could not be checked. Renderers only
 * present it. Its JSON form is {@code docs/report.schema.json}.
 *
 * @param schemaVersion version of the JSON form; bumped only on incompatible change
 * @param tool "querydoctor" and its version
 * @param generatedAt when the diagnosis finished
 * @param target what was diagnosed: a JDBC URL without credentials, a file name, "demo"
 * @param durationMillis how long the diagnosis took
 * @param findings ranked, most costly first
 * @param skipped checks that could not run, with the reason
 * @param workload the workload digest the findings came from ({@code querydoctor digest}), or {@code null}
 * @param plans plans of the query shapes that were explained, with the findings at their nodes; may be empty
 * @param suppressed findings taken out of the list by {@code --suppress}, with the reasons; may be empty
 * @param comparison what changed since a saved run ({@code --baseline}), or {@code null}
 * @param advice the index advisor's budget, costs and rejected candidates ({@code advise}), or {@code null}
 */
public record Report(
    int schemaVersion,
    String tool,
    Instant generatedAt,
    String target,
    long durationMillis,
    List<Finding> findings,
    List<SkippedCheck> skipped,
    @JsonInclude(JsonInclude.Include.NON_NULL) WorkloadSection workload,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<QueryPlan> plans,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SuppressedFinding> suppressed,
    @JsonInclude(JsonInclude.Include.NON_NULL) RunComparison comparison,
    @JsonInclude(JsonInclude.Include.NON_NULL) AdviceSection advice) {

  public static final int SCHEMA_VERSION = 1;

  /**
   * Ranking: estimated time cost first (what the problem costs per hour), then severity, then rule id and
   * subject so that the order is stable between runs.
   */
  public static final Comparator<Finding> RANKING =
      Comparator.comparingDouble((Finding f) -> -f.impact().millisPerHour())
          .thenComparing(Finding::severity)
          .thenComparing(Finding::ruleId)
          .thenComparing(f -> f.subject().name());

  public Report {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(target, "target");
    findings = findings.stream().sorted(RANKING).toList();
    skipped = List.copyOf(skipped);
    // One plan per query: several sources (the top statements, a log's auto_explain) may explain the same one.
    plans = plans == null ? List.of() : plans.stream()
        .filter(distinctBy(new java.util.HashSet<>())).toList();
    suppressed = suppressed == null ? List.of() : List.copyOf(suppressed);
  }

  private static java.util.function.Predicate<QueryPlan> distinctBy(java.util.Set<String> seen) {
    return plan -> seen.add(plan.fingerprint() + "\u0000" + plan.query());
  }

  /** A report without suppressions or comparison. */
  public Report(int schemaVersion, String tool, Instant generatedAt, String target, long durationMillis,
      List<Finding> findings, List<SkippedCheck> skipped, WorkloadSection workload, List<QueryPlan> plans) {
    this(schemaVersion, tool, generatedAt, target, durationMillis, findings, skipped, workload, plans, List.of(),
        null, null);
  }

  /** A report without plans. */
  public Report(int schemaVersion, String tool, Instant generatedAt, String target, long durationMillis,
      List<Finding> findings, List<SkippedCheck> skipped, WorkloadSection workload) {
    this(schemaVersion, tool, generatedAt, target, durationMillis, findings, skipped, workload, List.of());
  }

  /** A report without a workload section. */
  public Report(int schemaVersion, String tool, Instant generatedAt, String target, long durationMillis,
      List<Finding> findings, List<SkippedCheck> skipped) {
    this(schemaVersion, tool, generatedAt, target, durationMillis, findings, skipped, null);
  }

  /** This report with {@code section} as its workload section. */
  public Report withWorkload(WorkloadSection section) {
    return new Report(schemaVersion, tool, generatedAt, target, durationMillis, findings, skipped, section, plans,
        suppressed, comparison, advice);
  }

  /** This report with {@code more} plans added to its own. */
  public Report withPlans(List<QueryPlan> more) {
    List<QueryPlan> all = new java.util.ArrayList<>(plans);
    all.addAll(more);
    return new Report(schemaVersion, tool, generatedAt, target, durationMillis, findings, skipped, workload, all,
        suppressed, comparison, advice);
  }

  /** This report with the index advisor's section. */
  public Report withAdvice(AdviceSection section) {
    return new Report(schemaVersion, tool, generatedAt, target, durationMillis, findings, skipped, workload, plans,
        suppressed, comparison, section);
  }

  /** This report without its plans (a command that printed the tree itself). */
  public Report withoutPlans() {
    return new Report(schemaVersion, tool, generatedAt, target, durationMillis, findings, skipped, workload, List.of(),
        suppressed, comparison, advice);
  }

  /** This report with other findings, suppressed findings and comparison (suppressions, baselines). */
  public Report withFindings(List<Finding> kept, List<SuppressedFinding> accepted, RunComparison compared) {
    return new Report(schemaVersion, tool, generatedAt, target, durationMillis, kept, skipped, workload, plans,
        accepted, compared, advice);
  }

  /**
   * This report with {@code more} findings ranked in among its own (another source of the same diagnosis); the
   * workload section stays.
   */
  public Report plus(List<Finding> more, List<SkippedCheck> moreSkipped) {
    List<Finding> allFindings = new java.util.ArrayList<>(findings);
    allFindings.addAll(more);
    List<SkippedCheck> allSkipped = new java.util.ArrayList<>(skipped);
    allSkipped.addAll(moreSkipped);
    return new Report(schemaVersion, tool, generatedAt, target, durationMillis, allFindings, allSkipped, workload,
        plans, suppressed, comparison, advice);
  }

  /** This report with {@code replaced} as its findings (e.g. merged by root cause), ranked. */
  public Report withFindings(List<Finding> replaced) {
    return new Report(schemaVersion, tool, generatedAt, target, durationMillis, replaced, skipped, workload, plans,
        suppressed, comparison, advice);
  }

  /**
   * This report with the literal values of the SQL it carries replaced by {@code ?}, in every field that can
   * carry SQL (see {@link ReportRedaction} for the rule per field). Reports are rendered this way unless the
   * user asks for literals ({@code --show-literals}).
   */
  public Report redacted() {
    return ReportRedaction.LITERALS.apply(this);
  }

  /** This report with its literal values but without credentials (URL user-info, password settings). */
  public Report withoutCredentials() {
    return ReportRedaction.CREDENTIALS.apply(this);
  }

  /** The most severe severity among the findings, or {@code null} when there are none. */
  public Severity worstSeverity() {
    return findings.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElse(null);
  }

  /** True if any finding is at {@code threshold} or more severe. */
  public boolean hasFindingsAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }
}
