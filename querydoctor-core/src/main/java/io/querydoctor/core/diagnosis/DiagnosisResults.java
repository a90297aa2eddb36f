package io.querydoctor.core.diagnosis;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.report.QueryPlan;
import io.querydoctor.core.report.SkippedCheck;
import java.util.ArrayList;
import java.util.List;

/** What the analyzers of one diagnosis produced. Thread-safe: analyzers may report from worker threads. */
public final class DiagnosisResults {

  private final List<Finding> findings = new ArrayList<>();
  private final List<SkippedCheck> skipped = new ArrayList<>();
  private final List<QueryPlan> plans = new ArrayList<>();

  public synchronized void add(Finding finding) {
    findings.add(finding);
  }

  public synchronized void addAll(List<Finding> more) {
    findings.addAll(more);
  }

  /** Records that {@code check} did not run, and why, so that silence is never mistaken for health. */
  public synchronized void skip(String check, String reason) {
    skipped.add(new SkippedCheck(check, reason));
  }

  /** Adds the plan of a query that was explained, for the report's plan trees (the HTML report draws them). */
  public synchronized void addPlan(QueryPlan plan) {
    plans.add(plan);
  }

  public synchronized List<QueryPlan> plans() {
    return List.copyOf(plans);
  }

  public synchronized List<Finding> findings() {
    return List.copyOf(findings);
  }

  public synchronized List<SkippedCheck> skipped() {
    return List.copyOf(skipped);
  }
}
