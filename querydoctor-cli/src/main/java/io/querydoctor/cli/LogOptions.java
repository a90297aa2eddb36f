package io.querydoctor.cli;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.TimeWindow;
import io.querydoctor.core.report.Report;
import io.querydoctor.postgres.log.LogFileDigester;
import io.querydoctor.postgres.log.LogWorkload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Server logs folded into a diagnosis ({@code diagnose --log FILE}): their findings and workload digest. */
final class LogOptions {

  @Option(names = "--log", paramLabel = "FILE",
      description = "A server log (PostgreSQL stderr/csvlog/jsonlog or a MySQL slow log, gzip or not): slow shapes, "
          + "auto_explain plans and the workload digest join the diagnosis, its shapes the index advisor's workload "
          + "(advise: instead of pg_stat_statements). Repeatable (rotated logs).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "auto",
      description = "auto, pg-stderr, pg-csv, pg-json, mysql-slow or pgss-csv (a pg_stat_statements CSV export) "
          + "(default: ${DEFAULT-VALUE}: detected per file).")
  String format;

  @Option(names = "--prefix", paramLabel = "PREFIX",
      description = "The server's log_line_prefix, for stderr logs (default: detected among common ones).")
  String prefix;

  @Option(names = "--log-since", paramLabel = "TIME", converter = InstantConverter.class,
      description = "With --log: only statements logged at or after TIME (ISO-8601; without a zone: UTC).")
  Instant since;

  @Option(names = "--log-until", paramLabel = "TIME", converter = InstantConverter.class,
      description = "With --log: only statements logged before TIME (ISO-8601; without a zone: UTC).")
  Instant until;

  /** The logs' workload, or {@code null} without {@code --log}; a bad file is a one-line {@link UserError}. */
  LogWorkload read(ProgressListener progress) {
    if (files.isEmpty()) {
      return null;
    }
    try {
      LogFormat logFormat = format.trim().equalsIgnoreCase("auto") ? null : LogFormat.parse(format);
      return LogWorkload.read(new LogFileDigester(logFormat, prefix, DigestBuilder.DEFAULT_MAX_SHAPES, progress)
          .within(new TimeWindow(since, until)), files);
    } catch (IllegalArgumentException | IOException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** {@code report} with the workload's findings and digest, or unchanged when there is none. */
  static Report foldInto(Report report, LogWorkload workload) {
    return workload == null ? report : workload.foldInto(report);
  }

  /**
   * {@code report} with the logs' findings; when the server already gave the workload (performance_schema), the
   * logs join it by fingerprint and lend it the percentiles the server's totals lack (the slow log times every
   * execution), else the logs' own digest is the workload.
   */
  static Report joinInto(Report report, LogWorkload workload) {
    if (workload == null || report.workload() == null) {
      return foldInto(report, workload);
    }
    java.util.Map<String, io.querydoctor.core.digest.ShapeDigest> logged = new java.util.HashMap<>();
    workload.digest().shapes().forEach(s -> logged.put(s.fingerprint(), s));
    var joined = report.workload().digest().withPercentilesFrom(fingerprint -> {
      var s = logged.get(fingerprint);
      return s == null || s.p95Millis() == null ? null
          : new double[] {s.p50Millis() == null ? s.meanMillis() : s.p50Millis(), s.p95Millis(),
              s.p99Millis() == null ? s.p95Millis() : s.p99Millis(), s.maxMillis()};
    }, "the slow log");
    return report.plus(workload.findings(io.querydoctor.core.digest.DigestThresholds.DEFAULTS), workload.skipped())
        .withWorkload(new io.querydoctor.core.report.WorkloadSection(report.workload().sortedBy(), joined, null));
  }
}
