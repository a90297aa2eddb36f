package io.querydoctor.postgres.advisor;

import io.querydoctor.core.advisor.ExistingIndex;
import io.querydoctor.core.advisor.IndexAdvice;
import io.querydoctor.core.advisor.IndexAdvice.ChosenIndex;
import io.querydoctor.core.advisor.IndexAdvice.QueryEffect;
import io.querydoctor.core.advisor.IndexCandidate;
import io.querydoctor.core.advisor.SortKey;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.finding.Verification;
import io.querydoctor.core.report.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the advisor's chosen indexes into {@code missing-index} findings (RULES.md): the concurrent DDL, the
 * size, the queries it helps with planner cost before/after, its write overhead and the existing indexes it
 * makes redundant. A finding concerns the index's columns (and every left prefix of them: an index on
 * {@code (user_id, created_at)} also serves lookups by {@code user_id}, e.g. a foreign key), its table, and
 * the fingerprint of every query it helps, so that diagnose can merge it with the plan and health findings
 * about the same root cause.
 */
final class MissingIndexFindings {

  static final String RULE_ID = "missing-index";

  /** An index that removes nearly all of its queries' cost is a clear, large win. */
  private static final double HIGH_REDUCTION = 0.9;

  private final Map<String, String> qualifiedTables;
  private final Map<String, Double> meanMillisByFingerprint;
  private final double minReduction;

  MissingIndexFindings(Map<String, String> qualifiedTables, Map<String, Double> meanMillisByFingerprint,
      double minReduction) {
    this.qualifiedTables = qualifiedTables;
    this.meanMillisByFingerprint = meanMillisByFingerprint;
    this.minReduction = minReduction;
  }

  /**
   * A finding for each chosen index that saves at least RULES.md's share of its queries' cost; the search may
   * combine smaller gains, which stay in the advice's DDL without a finding of their own.
   */
  List<Finding> findings(IndexAdvice advice) {
    List<Finding> findings = new ArrayList<>();
    for (ChosenIndex chosen : advice.chosen()) {
      if (chosen.reduction() >= minReduction) {
        findings.add(finding(chosen, advice.method()));
      }
    }
    return findings;
  }

  String qualified(IndexCandidate index) {
    return qualifiedTables.getOrDefault(index.table(), index.table());
  }

  private Finding finding(ChosenIndex chosen, String method) {
    IndexCandidate index = chosen.index();
    String table = qualified(index);
    Finding.Builder builder = Finding.builder(RULE_ID,
            chosen.reduction() >= HIGH_REDUCTION ? Severity.HIGH : Severity.MEDIUM)
        .title("Missing index on " + table + " (" + index.keySql() + ")"
            + (index.predicate() == null ? "" : " WHERE " + index.predicate()))
        .subject(Subject.columns(table, index.keyColumns()))
        .detail(detail(chosen))
        .evidence(Evidence.crossed("cost_reduction", round(chosen.reduction()), "ratio", minReduction))
        .evidence(Evidence.of("index_size", chosen.sizeBytes(), "bytes"))
        .evidence(Evidence.of("queries_helped", chosen.effects().size(), "count"))
        .evidence(Evidence.of("write_overhead", Math.round(chosen.maintenanceCostPerHour()), "planner_cost_per_hour"))
        .impact(impact(chosen))
        .fix(Fix.sql(fixSummary(chosen), ddl(chosen)))
        .verification(new Verification(Verification.Method.ESTIMATED, "planner_cost", round(chosen.costBefore()),
            round(chosen.costAfter()), null, "calls/h × planner cost of the " + chosen.effects().size()
                + " queries whose plans use it; index " + method));
    for (int k = 1; k < index.keys().size(); k++) {
      builder.concerns(Subject.columns(table, index.keys().subList(0, k).stream().map(SortKey::expression)
          .collect(Collectors.joining(", "))));
    }
    builder.concerns(Subject.table(table));
    chosen.effects().forEach(e -> builder.concerns(Subject.fingerprint(e.query().fingerprint())));
    chosen.madeRedundant().forEach(e -> builder.concerns(Subject.index(e.name())));
    return builder.build();
  }

  String ddl(ChosenIndex chosen) {
    StringBuilder sql = new StringBuilder(IndexDdl.create(chosen.index(), qualified(chosen.index())));
    for (ExistingIndex redundant : chosen.madeRedundant()) {
      sql.append('\n').append(IndexDdl.drop(redundant));
    }
    return sql.toString();
  }

  private static String fixSummary(ChosenIndex chosen) {
    String summary = "Create the index concurrently (no write lock); " + chosen.index().kind().why() + ".";
    if (!chosen.madeRedundant().isEmpty()) {
      summary += " Then drop " + chosen.madeRedundant().stream().map(ExistingIndex::name)
          .collect(Collectors.joining(", ")) + ": the new index starts with the same columns.";
    }
    return summary;
  }

  private String detail(ChosenIndex chosen) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "Saves %.0f %% of the planner cost of the queries that would use it; %s on disk; every written row "
            + "also updates it (%.0f planner cost/h at the current write rate).",
        100 * chosen.reduction(), Quantities.bytes(chosen.sizeBytes()), chosen.maintenanceCostPerHour()));
    for (QueryEffect effect : chosen.effects()) {
      text.append(String.format(Locale.ROOT, " Query %s (%.0f calls/h): cost %.0f → %.0f: %s",
          effect.query().fingerprint(), effect.query().callsPerHour(), effect.costBefore(), effect.costAfter(),
          effect.query().sql()));
    }
    return text.toString();
  }

  private Impact impact(ChosenIndex chosen) {
    double millisPerHour = 0;
    List<String> basis = new ArrayList<>();
    for (QueryEffect effect : chosen.effects()) {
      double mean = meanMillisByFingerprint.getOrDefault(effect.query().fingerprint(), 0.0);
      double saved = effect.costBefore() <= 0 ? 0 : Math.max(0, 1 - effect.costAfter() / effect.costBefore());
      millisPerHour += effect.query().callsPerHour() * mean * saved;
      basis.add(String.format(Locale.ROOT, "%.0f calls/h × %.1f ms × %.0f %%", effect.query().callsPerHour(), mean,
          100 * saved));
    }
    return new Impact(millisPerHour, String.join(" + ", basis) + " (share of planner cost saved)");
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
