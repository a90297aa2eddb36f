package io.querydoctor.cli;

import io.querydoctor.core.advisor.AdvisorSettings;
import io.querydoctor.core.advisor.IndexAdvice.ChosenIndex;
import io.querydoctor.core.advisor.IndexAdvice.QueryEffect;
import io.querydoctor.core.advisor.IndexAdvice;
import io.querydoctor.core.advisor.WhatIf;
import io.querydoctor.core.advisor.WhatIfException;
import io.querydoctor.core.report.AdviceSection;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.postgres.advisor.AdvisorResult;
import io.querydoctor.postgres.advisor.HypoPgSizes;
import io.querydoctor.postgres.advisor.HypoPgWhatIf;
import io.querydoctor.postgres.advisor.IndexAdvisor;
import io.querydoctor.postgres.advisor.IndexSizeEstimator;
import io.querydoctor.postgres.advisor.ParameterSamples;
import io.querydoctor.postgres.advisor.SampledWhatIf;
import io.querydoctor.postgres.advisor.SandboxWhatIf;
import io.querydoctor.postgres.advisor.WorkloadFile;
import io.querydoctor.postgres.advisor.WorkloadStatement;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.connect.SandboxExecutor;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code querydoctor advise}: the index advisor for the workload in pg_stat_statements. */
@Command(
    name = "advise",
    mixinStandardHelpOptions = true,
    description = {
      "Designs indexes for the workload in pg_stat_statements: candidates from the queries' predicates, proven "
          + "with the planner, chosen under a storage budget; prints missing-index findings with the DDL and the "
          + "rejected candidates with why. See docs/advisor.md.",
      "The what-if uses HypoPG's hypothetical indexes when the extension is installed (nothing is built), or, on "
          + "a database you declare a sandbox (--sandbox), builds candidates inside transactions that are rolled "
          + "back. Outside a sandbox nothing is ever built or applied.",
      "pg_stat_statements keeps its statements with $n for every constant. Each is planned with the literal values "
          + "of one of its executions in the server's log when the role may read it (as diagnose reads it; "
          + "--no-server-log turns that off), else as a generic plan, whose estimates for $n use the planner's "
          + "default selectivities and can favour other indexes; the report says which, per statement."
    })
final class AdviseCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private ConnectionOptions connection;

  @Mixin
  private OutputOptions output;

  @Option(names = "--budget", paramLabel = "SIZE", converter = ByteSizeConverter.class,
      description = "Storage for new indexes: 500MB, 1.5GB (MB = 10^6 bytes, GB = 10^9, as HypoPG and the "
          + "index-selection literature count), 512MiB, 2GiB (binary), or bytes (default: 25%% of the size of the "
          + "tables with candidates).")
  private Long budgetBytes;

  @Option(names = "--sandbox",
      description = "This database is a sandbox (a copy, a staging database): candidate indexes may be built "
          + "there, each inside a transaction that is rolled back (PostgreSQL), or built and dropped again "
          + "(MySQL/MariaDB, where DDL commits and no hypothetical indexes exist: required there).")
  private boolean sandbox;

  @Option(names = "--apply",
      description = "With --sandbox only: create the chosen indexes for real (CONCURRENTLY) and re-measure.")
  private boolean apply;

  @Option(names = "--top", paramLabel = "N", defaultValue = "" + IndexAdvisor.DEFAULT_TOP,
      description = "How many pg_stat_statements entries, by total time, make the workload "
          + "(default: ${DEFAULT-VALUE}).")
  private int top;

  @Option(names = "--workload", paramLabel = "FILE",
      description = "Advise for the SQL statements in FILE instead of pg_stat_statements: separated by ';', each "
          + "with an optional weight (calls per hour) in a comment before it, '-- weight: 120' (default 1).")
  private java.nio.file.Path workload;

  @Mixin
  private LogOptions logs;

  @Mixin
  private ServerLogOptions serverLog;

  @Option(names = "--capture", paramLabel = "FILE",
      description = "Advise for the statements of a capture file written by the JDBC layer "
          + "(-Dquerydoctor.captureFile=FILE) instead of pg_stat_statements, each shape weighted by its calls. "
          + "Repeatable; combines with --log and --workload.")
  private List<java.nio.file.Path> captureFiles = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    serverLog.check();
    List<WorkloadStatement> given = new ArrayList<>(workload == null ? List.of() : readWorkload());
    given.addAll(AdvisorSources.of(logs.read(io.querydoctor.core.diagnosis.ProgressListener.NONE), Integer.MAX_VALUE,
        captureFiles, connection.isPostgres() ? io.querydoctor.core.sql.SqlDialect.POSTGRESQL
            : io.querydoctor.core.sql.SqlDialect.MYSQL));
    if (apply && !sandbox) {
      throw new UserError("--apply needs --sandbox: QueryDoctor creates indexes only on a database you declare a "
          + "sandbox; elsewhere it prints the DDL for you to run");
    }
    PrintWriter out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    output.checkWritable();
    if (!connection.isPostgres()) {
      Report report = MysqlAdvise.run(connection.target(), sandbox, apply, budgetBytes, given, progress);
      int exit = output.write(report, out, DiagnoseCommand.DEFAULT_FAIL_ON);
      out.flush();
      return exit;
    }
    String target = connection.parsedUrl().redacted();
    progress.step("connecting to " + target);
    long start = System.nanoTime();
    try (Connection jdbc = connection.connect()) {
      SafeExecutor executor = new SafeExecutor(jdbc);
      SandboxExecutor sandboxExecutor = sandbox ? new SandboxExecutor(jdbc,
          SafeExecutor.DEFAULT_STATEMENT_TIMEOUT.multipliedBy(10), SafeExecutor.DEFAULT_LOCK_TIMEOUT) : null;
      WhatIf whatIf = sandbox ? new SandboxWhatIf(sandboxExecutor, new IndexSizeEstimator(executor))
          : HypoPgWhatIf.ifInstalled(executor, HypoPgSizes.CALIBRATED).orElseThrow(() -> new UserError("advise "
              + "needs a what-if to prove candidates with the planner: install HypoPG in this database (CREATE "
              + "EXTENSION hypopg), or run it against a copy declared with --sandbox (indexes are built there in "
              + "transactions that are rolled back)"));
      ServerLogOptions.Samples samples = ownWorkload()
          ? new ServerLogOptions.Samples(ParameterSamples.none(), List.of()) : serverLog.samples(executor, progress);
      progress.step("designing indexes for " + (ownWorkload() ? given.size() + " statements given"
          : "the workload in pg_stat_statements"));
      AdvisorResult result = advise(executor, whatIf, given, samples.samples());
      long millis = (System.nanoTime() - start) / 1_000_000;
      List<SkippedCheck> skipped = new ArrayList<>();
      result.advice().skipped().stream().filter(s -> !s.reason().startsWith("already cheap"))
          .forEach(s -> skipped.add(new SkippedCheck("index-advisor",
              "statement " + s.fingerprint() + ": " + s.reason())));
      result.planning().forEach((fingerprint, how) -> {
        if (how.equals(SampledWhatIf.GENERIC)) {
          skipped.add(new SkippedCheck("index-advisor", "statement " + fingerprint + ": " + how));
        }
      });
      if (result.generic() > 0) {
        skipped.addAll(samples.skipped());
      }
      AdviceSection advice = AdviceSection.of(result.advice());
      advice = new AdviceSection(advice.budgetBytes(), advice.newBytes(), advice.freedBytes(), advice.costBefore(),
          advice.costAfter(), advice.method() + planningSummary(result), advice.rejected());
      Report report = new Report(Report.SCHEMA_VERSION, VersionProvider.tool(), Instant.now(), target, millis,
          result.findings(), skipped).withAdvice(advice);
      int exit = output.write(report, out, DiagnoseCommand.DEFAULT_FAIL_ON);
      if (apply && !result.ddl().isEmpty()) {
        applyAndRemeasure(out, progress, sandboxExecutor, whatIf, result, samples.samples());
      }
      out.flush();
      return exit;
    }
  }

  /** A workload given by file, log or capture replaces pg_stat_statements, so that it is advised for as it is. */
  private boolean ownWorkload() {
    return workload != null || !logs.files.isEmpty() || !captureFiles.isEmpty();
  }

  private List<WorkloadStatement> readWorkload() {
    try {
      List<WorkloadStatement> statements = WorkloadFile.parse(java.nio.file.Files.readString(workload));
      if (statements.isEmpty()) {
        throw new UserError("the workload file " + workload + " holds no statement");
      }
      return statements;
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new UserError("the workload file " + workload + " is not UTF-8 text", e);
    } catch (java.io.IOException e) {
      throw new UserError("cannot read the workload file " + workload + ": "
          + io.querydoctor.core.input.InputFile.reason(e), e);
    }
  }

  /**
   * "; 19 statements with parameters: 12 planned with literal values from the server log, 7 as generic plans (no
   * sample values)", or nothing when no statement has parameters.
   */
  static String planningSummary(AdvisorResult result) {
    if (result.planning().isEmpty()) {
      return "";
    }
    long generic = result.generic();
    java.util.Map<String, Long> sampled = new java.util.TreeMap<>();
    result.planning().values().stream().filter(how -> !how.equals(SampledWhatIf.GENERIC))
        .forEach(how -> sampled.merge(how, 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    sampled.forEach((how, count) -> parts.add(count + " " + how));
    parts.add(generic + " as generic plans (no sample values: their parameters are estimated with the planner's "
        + "default selectivities)");
    return "; " + result.planning().size() + " statements with parameters: " + String.join(", ", parts);
  }

  private AdvisorResult advise(SafeExecutor executor, WhatIf whatIf, List<WorkloadStatement> given,
      ParameterSamples samples) throws SQLException {
    try {
      return new IndexAdvisor(AdvisorSettings.defaults().withBudgetBytes(budgetBytes), top)
          .advise(executor, whatIf, given, !ownWorkload(), samples);
    } catch (WhatIfException e) {
      throw new UserError("the what-if failed: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static void applyAndRemeasure(PrintWriter out, ConsoleProgress progress, SandboxExecutor sandbox,
      WhatIf whatIf, AdvisorResult result, ParameterSamples samples) throws Exception {
    progress.step("applying " + result.ddl().size() + " statements on the sandbox");
    try {
      sandbox.apply(result.ddl());
    } catch (SQLException e) {
      throw new UserError("applying the advice failed: " + e.getMessage(), e);
    }
    out.println("Applied on the sandbox:");
    result.ddl().forEach(sql -> out.println("  " + sql));
    for (ChosenIndex chosen : result.advice().chosen()) {
      for (QueryEffect effect : chosen.effects()) {
        String sql = effect.query().sql();
        double now = new SampledWhatIf(whatIf, List.of(sql), samples).plan(List.of(sql), Set.of()).get(0).cost();
        out.printf(Locale.ROOT, "  query %s: planner cost %.0f before, %.0f now%n", effect.query().fingerprint(),
            effect.costBefore(), now);
      }
    }
  }

}
