package io.querydoctor.cli;

import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.core.report.Report;
import io.querydoctor.postgres.PgAnalyzers;
import io.querydoctor.postgres.PgDiagnosis;
import io.querydoctor.postgres.advisor.IndexAdvisor;
import io.querydoctor.core.capture.CaptureFileAnalyzer;
import io.querydoctor.core.diagnosis.DiagnosisResults;
import io.querydoctor.core.detect.DialectFixes;
import io.querydoctor.core.diagnosis.RootCauseMerger;
import io.querydoctor.core.diagnosis.Symptom;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.core.verify.StatementSamples;
import io.querydoctor.core.verify.TimedWork;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.plan.AnalyzeBudget;
import io.querydoctor.postgres.verify.PgStatementSamples;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code querydoctor diagnose}: every analyzer against a live database, one ranked report. */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    description = {
      "Diagnoses a live PostgreSQL, MySQL or MariaDB database and prints ranked findings with evidence and fixes.",
      "Read-only: every statement runs in a rolled-back read-only transaction with timeouts."
    })
final class DiagnoseCommand implements Callable<Integer> {

  /** A CI gate by default: exit 1 when something high or critical is found. */
  static final OutputOptions.FailOn DEFAULT_FAIL_ON = new OutputOptions.FailOn(Severity.HIGH);

  @Spec
  private CommandSpec spec;

  @Mixin
  private ConnectionOptions connection;

  @Mixin
  private OutputOptions output;

  @Mixin
  private HealthThresholdOptions thresholds;

  @Mixin
  private RunBaselineOptions baselines;

  @Option(names = "--capture", paramLabel = "FILE",
      description = "A capture file written by the JDBC layer (-Dquerydoctor.captureFile=FILE); its statements are "
          + "replayed through the capture-side detectors (N+1, unbatched writes, long transactions, …), and its "
          + "statement shapes join the index advisor's workload. Repeatable.")
  private List<Path> captureFiles = new ArrayList<>();

  @Mixin
  private LogOptions logs;

  @Mixin
  private ServerLogOptions serverLog;

  @Option(names = "--symptom", paramLabel = "SYMPTOM", converter = SymptomConverter.class,
      description = "Focus the diagnosis the way the runbook's diagnosis tree does: one-query (its plan, indexes "
          + "and statistics; give --query), after-deploy (top shapes and their plans; compare with --baseline), "
          + "gradual (statistics, bloat, vacuum, index usage), intermittent (connections, locks, long and idle "
          + "transactions), broad (settings, cache hit ratio, top consumers). Default: everything.")
  private Symptom symptom;

  @Option(names = "--query", paramLabel = "SQL",
      description = "The slow query, for --symptom one-query. Literals or $1-style parameters (then a generic plan, "
          + "PostgreSQL 13+).")
  private String query;

  @Option(names = "--analyze",
      description = "Also run the top read-only statements of pg_stat_statements with sample values (EXPLAIN "
          + "(ANALYZE, BUFFERS), each in a read-only transaction that is rolled back, with statement_timeout), so that "
          + "rules needing actual rows fire. Never a write, a FOR UPDATE/SHARE, or a statement calling a volatile "
          + "function. See docs/diagnose.md.")
  private boolean analyze;

  @Option(names = "--analyze-budget", paramLabel = "DURATION", defaultValue = "30s",
      description = "Total time --analyze may spend running statements: 30s, 2m, 1500ms (default: ${DEFAULT-VALUE}); "
          + "no single statement runs longer than 10 s.")
  private String analyzeBudget;

  @Option(names = "--sandbox",
      description = "Declare the database a sandbox (a copy, never production): QueryDoctor may then build indexes, "
          + "run ANALYZE and execute queries on it to measure fixes (--verify).")
  private boolean sandbox;

  @Option(names = "--verify",
      description = "Prove the fixes: on a --sandbox database, apply each fix in isolation (an index, ANALYZE, a "
          + "setting), time the queries it should help before and after (median and p95 of 7 runs) and report both. "
          + "Queries are re-run from pg_stat_statements texts without parameters (and the --query).")
  private boolean verify;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    output.checkWritable();
    baselines.checkReadable();
    for (Path file : captureFiles) {
      if (!Files.isReadable(file)) {
        throw new UserError("cannot read capture file " + file + ": it does not exist or is not readable");
      }
    }
    var logWorkload = logs.read(progress);
    checkSymptomOptions();
    if (!connection.isPostgres()) {
      return otherEngine(out, progress, logWorkload);
    }
    serverLog.check();
    AnalyzeBudget budget = analyze ? analyzeBudget() : null;
    String target = connection.parsedUrl().redacted();
    progress.step("connecting to " + target);
    // The server's own log first: its statements' literal values plan the top statements as well.
    List<io.querydoctor.core.report.SkippedCheck> logSkipped = List.of();
    var samples = io.querydoctor.postgres.advisor.ParameterSamples.none();
    if (logWorkload == null && !serverLog.disabled) {
      ServerLogOptions.Read read = serverLog.read(connection.connect(), progress);
      logWorkload = read.workload();
      samples = read.samples();
      logSkipped = read.skipped();
    }
    var loggedTexts = logWorkload == null ? java.util.Map.<String, String>of() : logWorkload.literalTexts();
    // Statements the advisor may not see in pg_stat_statements: those of the logs (given, or the server's own)
    // and of the capture files, whatever the symptom. The server's log is capped as pg_stat_statements is (its
    // head carries the cost); a log given is used whole.
    var advisorWorkload = AdvisorSources.of(logWorkload, logs.files.isEmpty() ? IndexAdvisor.DEFAULT_TOP
        : Integer.MAX_VALUE, captureFiles, SqlDialect.POSTGRESQL);
    var analyzers = symptom == null
        ? PgAnalyzers.all(thresholds.thresholds(), thresholds.exactBloat, sandbox, budget, loggedTexts,
            advisorWorkload, samples)
        : PgAnalyzers.forSymptom(symptom, thresholds.thresholds(), thresholds.exactBloat, query, sandbox, budget,
            loggedTexts, advisorWorkload, samples);
    if (symptom != null) {
      progress.step("symptom " + symptom.label() + ": " + symptom.description());
    }
    Connection jdbc = connection.connect();
    Report report = new PgDiagnosis(analyzers, progress).run(jdbc, target, VersionProvider.tool());
    DiagnosisResults captured = new DiagnosisResults();
    for (Path file : captureFiles) {
      progress.step("replaying capture file " + file);
      new CaptureFileAnalyzer().analyze(file, captured);
    }
    report = report.plus(captured.findings(), captured.skipped()).plus(List.of(), logSkipped)
        .plus(List.of(), notAsked());
    report = LogOptions.foldInto(report, logWorkload);
    report = report.withFindings(RootCauseMerger.merge(report.findings()));
    if (verify) {
      report = verified(report, progress);
    }
    return output.write(baselines.apply(report), out, DEFAULT_FAIL_ON);
  }

  /**
   * diagnose on MySQL or MariaDB (any engine but PostgreSQL) through the engine SPI, with what every engine has:
   * capture files, logs (the slow log), baselines, thresholds and the report options.
   */
  private Integer otherEngine(PrintWriter out, ConsoleProgress progress,
      io.querydoctor.postgres.log.LogWorkload logWorkload) throws Exception {
    EngineTarget engineTarget = connection.target();
    EngineRuns.refuse(symptom != null, "--symptom", engineTarget);
    EngineRuns.refuse(analyze, "--analyze", engineTarget);
    EngineRuns.refuse(verify, "--verify", engineTarget);
    EngineRuns.refuse(thresholds.exactBloat, "--exact-bloat", engineTarget);
    Report report = EngineRuns.withThresholds(
        () -> EngineRuns.diagnose(engineTarget, thresholds.raw(), sandbox, progress));
    DiagnosisResults captured = new DiagnosisResults();
    for (Path file : captureFiles) {
      progress.step("replaying capture file " + file);
      new CaptureFileAnalyzer().analyze(file, captured);
    }
    // The advisor step: the statements of the slow log and the capture files, as advise --log/--capture read them.
    var given = AdvisorSources.of(logWorkload, Integer.MAX_VALUE, captureFiles,
        engineTarget.engine().dialect());
    MysqlAdvise.Outcome advice = MysqlAdvise.inDiagnosis(engineTarget, sandbox, given, progress);
    report = report.plus(captured.findings(), captured.skipped()).plus(advice.findings(), advice.skipped())
        .plus(List.of(), notAsked());
    report = LogOptions.joinInto(report, logWorkload);
    report = report.withFindings(DialectFixes.in(engineTarget.engine().dialect(),
        RootCauseMerger.merge(report.findings())));
    return output.write(baselines.apply(report), out, DEFAULT_FAIL_ON);
  }

  /**
   * What this run did not look at because it was not asked to, said in the report rather than left out
   * silently: the application's side (a capture file) and measured fixes (a sandbox). The demo shows both; a
   * plain diagnose of the same database cannot.
   */
  private List<SkippedCheck> notAsked() {
    List<SkippedCheck> notes = new ArrayList<>();
    if (captureFiles.isEmpty()) {
      notes.add(new SkippedCheck("capture", "no capture file given (--capture FILE): N+1 queries, unbatched writes "
          + "and transactions held across slow work are seen from the application's side, by its JDBC capture "
          + "(docs/capture.md)"));
    }
    if (!verify) {
      notes.add(new SkippedCheck("verification", "fixes were not measured: on a copy of this database, --sandbox "
          + "--verify applies each fix and times the statements before and after"));
    }
    return notes;
  }

  private AnalyzeBudget analyzeBudget() {
    try {
      return new AnalyzeBudget(AnalyzeBudget.parse(analyzeBudget));
    } catch (IllegalArgumentException e) {
      throw new UserError("--analyze-budget: " + e.getMessage());
    }
  }

  private void checkSymptomOptions() {
    if (symptom == Symptom.ONE_QUERY && (query == null || query.isBlank())) {
      throw new UserError("--symptom one-query needs the query: add --query 'SELECT …'");
    }
    if (query != null && symptom != Symptom.ONE_QUERY) {
      throw new UserError("--query is for --symptom one-query; add --symptom one-query");
    }
    if (verify && !sandbox) {
      throw new UserError("--verify applies fixes for real (indexes, ANALYZE): add --sandbox to declare this database a "
          + "sandbox; never on production");
    }
  }

  /** The proof step on the sandbox: examples from pg_stat_statements (and the --query) timed before and after. */
  private Report verified(Report report, ConsoleProgress progress) throws Exception {
    progress.step("verifying fixes on the sandbox");
    StatementSamples samples;
    try (SafeExecutor executor = new SafeExecutor(connection.connect())) {
      samples = PgStatementSamples.load(executor);
    }
    if (query != null && !query.contains("$1")) {
      samples.add(SqlFingerprinter.of(SqlDialect.POSTGRESQL).fingerprint(query).id(),
          TimedWork.read("the --query", query));
    }
    return FixVerification.verify(report, connection.connect(), samples, List.of(), progress);
  }

  /** {@code --symptom} values, with the list of valid ones in the error. */
  static final class SymptomConverter implements picocli.CommandLine.ITypeConverter<Symptom> {
    @Override
    public Symptom convert(String value) {
      try {
        return Symptom.of(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
