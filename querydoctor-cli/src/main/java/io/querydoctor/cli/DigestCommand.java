package io.querydoctor.cli;

import io.querydoctor.core.digest.BaselineChanges;
import io.querydoctor.core.digest.BaselineComparison;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.DigestFile;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.digest.DigestThresholds;
import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.TimeWindow;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.WorkloadSection;
import io.querydoctor.postgres.connect.ConnectionFailure;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.log.LogFileDigester;
import io.querydoctor.postgres.log.LogWorkload;
import io.querydoctor.postgres.statements.PgStatStatementsReader;
import io.querydoctor.postgres.statements.PgStatStatementsSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code querydoctor digest}: where the time of a workload goes, per query shape, from PostgreSQL logs
 * (stderr, csvlog, jsonlog), MySQL/MariaDB slow logs, or a live {@code pg_stat_statements} (since its reset,
 * or the delta over {@code --interval}); {@code slow-query} and {@code frequent-cacheable-query}
 * findings, and
 * {@code latency-regression} against a saved baseline.
 */
@Command(
    name = "digest",
    mixinStandardHelpOptions = true,
    description = {
      "Digests query logs: calls, total/mean/p95 time per query shape, slow shapes, regressions.",
      "PostgreSQL needs log_min_duration_statement (0 logs everything). Gzip files are read as they are.",
      "With --url, digests pg_stat_statements instead (read-only, through the safe executor)."
    })
final class DigestCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Log files (gzip or not), all of one engine.")
  List<Path> files;

  @Option(names = "--url", paramLabel = "URL",
      description = "Digest pg_stat_statements of this database instead of log files: "
          + "jdbc:postgresql://host[:port]/database or postgres://host/database (no password in it).")
  String url;

  @Option(names = "--user", paramLabel = "ROLE", description = "Role to connect as (default: PGUSER, else the OS user).")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Environment variable holding the password (default: PGPASSWORD, then ~/.pgpass).")
  String passwordEnv;

  @Option(names = "--interval", paramLabel = "SECONDS",
      description = "With --url: take two snapshots this many seconds apart and digest what ran in between "
          + "(default: everything since the statistics were last reset).")
  Integer intervalSeconds;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "auto",
      description = "auto, pg-stderr, pg-csv, pg-json, mysql-slow or pgss-csv (a pg_stat_statements CSV export) "
          + "(default: ${DEFAULT-VALUE}: detected per file).")
  String logFormat;

  @Option(names = "--prefix", paramLabel = "PREFIX",
      description = "The server's log_line_prefix, for stderr logs (default: detected among common ones).")
  String prefix;

  @Option(names = "--since", paramLabel = "TIME", converter = InstantConverter.class,
      description = "Only statements logged at or after TIME (ISO-8601; without a zone: UTC).")
  Instant since;

  @Option(names = "--until", paramLabel = "TIME", converter = InstantConverter.class,
      description = "Only statements logged before TIME (ISO-8601; without a zone: UTC).")
  Instant until;

  @Option(names = "--top", paramLabel = "N", defaultValue = "20",
      description = "Shapes shown; the rest is summed up as 'other' (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--sort", paramLabel = "KEY", defaultValue = "total", converter = SortConverter.class,
      description = "Rank shapes by total, mean, p95 or calls (default: ${DEFAULT-VALUE}).")
  DigestSort sort;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Compare with a digest saved by --save: latency regressions, new and vanished shapes.")
  Path baseline;

  @Option(names = "--save", paramLabel = "FILE", description = "Save the full digest as JSON, a later --baseline.")
  Path save;

  @Option(names = "--slow-ms", paramLabel = "MS", defaultValue = "100",
      description = "slow-query threshold on a shape's p95 (default: ${DEFAULT-VALUE}).")
  double slowMillis;

  @Option(names = "--regression-factor", paramLabel = "X", defaultValue = "2",
      description = "latency-regression: p95 or mean at least X times the baseline's (default: ${DEFAULT-VALUE}).")
  double regressionFactor;

  @Option(names = "--max-shapes", paramLabel = "N", defaultValue = "" + DigestBuilder.DEFAULT_MAX_SHAPES,
      description = "Shapes kept exactly in memory; lighter ones fold into 'other' (default: ${DEFAULT-VALUE}).")
  int maxShapes;

  @Mixin
  private OutputOptions output;

  @Override
  public Integer call() throws ConnectionFailure {
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    validate();
    output.checkWritable();
    output.prepareRendererInBackground();
    long start = System.currentTimeMillis();
    DigestFile baselineFile = baseline == null ? null : load(baseline);
    LogWorkload workload = url != null ? LogWorkload.of(statements(progress)) : logs(progress);
    WorkloadDigest digest = workload.digest();
    if (save != null) {
      save(digest);
    }
    DigestThresholds thresholds = DigestThresholds.DEFAULTS.with(slowMillis, regressionFactor);
    List<Finding> findings = new ArrayList<>(workload.findings(thresholds));
    BaselineChanges changes = null;
    if (baselineFile != null) {
      changes = new BaselineComparison(thresholds).compare(digest, baselineFile, baseline.toString());
      findings.addAll(changes.regressions());
    }
    Report report = new Report(Report.SCHEMA_VERSION, VersionProvider.tool(), Instant.now(), digest.source(),
        System.currentTimeMillis() - start, findings, workload.skipped())
        .withWorkload(new WorkloadSection(sort.name().toLowerCase(Locale.ROOT), digest.top(top, sort), changes));
    return output.write(report, spec.commandLine().getOut(), DiagnoseCommand.DEFAULT_FAIL_ON);
  }

  private LogWorkload logs(ConsoleProgress progress) {
    LogFormat format = logFormat.trim().equalsIgnoreCase("auto") ? null : parseFormat();
    try {
      return LogWorkload.read(new LogFileDigester(format, prefix, maxShapes, progress).within(window()), files);
    } catch (IOException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** pg_stat_statements through the safe executor: since the reset, or the delta over --interval. */
  private WorkloadDigest statements(ConsoleProgress progress) throws ConnectionFailure {
    ConnectionOptions connection = new ConnectionOptions();
    connection.url = url;
    connection.user = user;
    connection.passwordEnv = passwordEnv;
    String target = connection.parsedUrl().redacted();
    progress.step("connecting to " + target);
    try (SafeExecutor executor = new SafeExecutor(connection.connect())) {
      PgStatStatementsReader reader = new PgStatStatementsReader();
      PgStatStatementsSnapshot snapshot = reader.snapshot(executor);
      String source = "pg_stat_statements on " + target;
      if (intervalSeconds != null) {
        progress.step("waiting " + intervalSeconds + " s for the second snapshot");
        Thread.sleep(intervalSeconds * 1000L);
        snapshot = reader.snapshot(executor).since(snapshot);
        source += " over " + intervalSeconds + " s";
      }
      return snapshot.toDigest(source);
    } catch (SQLException e) {
      throw new UserError("cannot read pg_stat_statements: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while waiting for the second snapshot", e);
    }
  }

  private TimeWindow window() {
    try {
      return new TimeWindow(since, until);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private void validate() {
    if ((since != null || until != null) && url != null) {
      throw new UserError("--since/--until select log entries; pg_stat_statements has no per-call times");
    }
    boolean hasFiles = files != null && !files.isEmpty();
    if (hasFiles == (url != null)) {
      throw new UserError("give either log FILEs or --url for pg_stat_statements, not " + (hasFiles ? "both" : "neither"));
    }
    if (intervalSeconds != null && (url == null || intervalSeconds < 1)) {
      throw new UserError("--interval needs --url and at least 1 second");
    }
    if (top < 1) {
      throw new UserError("--top must be at least 1: " + top);
    }
    if (maxShapes < 2) {
      throw new UserError("--max-shapes must be at least 2: " + maxShapes);
    }
    if (slowMillis <= 0 || regressionFactor <= 1) {
      throw new UserError("--slow-ms must be > 0 and --regression-factor > 1");
    }
  }

  private LogFormat parseFormat() {
    try {
      return LogFormat.parse(logFormat);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static DigestFile load(Path file) {
    try {
      return DigestFile.load(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserError("no such baseline file: " + file, e);
    } catch (IOException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private void save(WorkloadDigest digest) {
    try {
      DigestFile.save(digest, Instant.now(), save);
    } catch (IOException e) {
      throw new UserError("cannot save the digest to " + save + ": " + e.getMessage(), e);
    }
  }

  static final class SortConverter implements ITypeConverter<DigestSort> {
    @Override
    public DigestSort convert(String value) {
      return DigestSort.parse(value);
    }
  }
}
