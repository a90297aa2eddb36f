package io.querydoctor.postgres.log;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.digest.DigestThresholds;
import io.querydoctor.core.digest.FrequentCacheableQueryRule;
import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.SlowQueryRule;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.plan.PlanAnalyzer;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.core.report.WorkloadSection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload read from server logs, folded into a diagnosis ({@code querydoctor diagnose --log FILE}): the
 * digest's findings ({@code slow-query}, {@code frequent-cacheable-query}) ranked in with the report's own, and
 * the digest's top shapes as the report's workload section; auto_explain plans in the log go through the plan
 * rules ({@link LoggedPlans}). Subjects are fingerprints from the same
 * fingerprinter as the capture layer and pg_stat_statements, so findings about one query from the log and from
 * the live database name the same subject.
 */
public final class LogWorkload {

  /** Shapes shown in the report's workload section, as {@code digest --top}'s default. */
  public static final int TOP_SHAPES = 20;

  private final WorkloadDigest digest;
  private final LoggedPlans plans;

  private LogWorkload(WorkloadDigest digest, LoggedPlans plans) {
    this.digest = digest;
    this.plans = plans;
  }

  /**
   * Reads {@code files} (all of one engine).
   *
   * @param format the format of every file, or {@code null} to detect it per file
   * @param prefix the stderr {@code log_line_prefix}, or {@code null} to detect it
   * @throws IOException with a one-line message when a file is missing, unreadable or of no known prefix
   */
  public static LogWorkload read(List<Path> files, LogFormat format, String prefix, ProgressListener progress)
      throws IOException {
    return read(new LogFileDigester(format, prefix, DigestBuilder.DEFAULT_MAX_SHAPES, progress), files);
  }

  /** Reads {@code files} with {@code digester}, collecting their auto_explain plans. */
  public static LogWorkload read(LogFileDigester digester, List<Path> files) throws IOException {
    LoggedPlans plans = new LoggedPlans();
    WorkloadDigest digest = digester.withPlans(plans).digest(files);
    return new LogWorkload(digest, plans);
  }

  /** A workload already digested (pg_stat_statements): no plans. */
  public static LogWorkload of(WorkloadDigest digest) {
    return new LogWorkload(digest, new LoggedPlans());
  }

  public WorkloadDigest digest() {
    return digest;
  }

  /**
   * The digest rules' findings and the plan rules' findings on the logged auto_explain plans (each concerning
   * its query's fingerprint).
   */
  public List<Finding> findings(DigestThresholds thresholds) {
    List<Finding> findings = new ArrayList<>(new SlowQueryRule(thresholds).findings(digest));
    findings.addAll(new FrequentCacheableQueryRule(thresholds).findings(digest));
    findings.addAll(plans.findings(digest, PlanAnalyzer.withDefaults()));
    return findings;
  }

  /** Each fingerprint's logged statement text with its literal values, where the log has one. */
  public java.util.Map<String, String> literalTexts() {
    return plans.literalTexts();
  }

  /** Checks that could not run on this log (text-format or unreadable plans). */
  public List<SkippedCheck> skipped() {
    return plans.skipped();
  }

  /** {@code report} with this workload's findings (default thresholds) and its top shapes by total time. */
  public Report foldInto(Report report) {
    return report.plus(findings(DigestThresholds.DEFAULTS), skipped())
        .withWorkload(new WorkloadSection("total", digest.top(TOP_SHAPES, DigestSort.TOTAL), null));
  }
}
