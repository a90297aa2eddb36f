package io.querydoctor.cli;

import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.ReportFormat;
import io.querydoctor.postgres.connect.PgEnvironment;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.plan.ExplainService;
import io.querydoctor.postgres.plan.ExplainService.Explained;
import io.querydoctor.postgres.plan.PlanFile;
import io.querydoctor.core.input.InputFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code querydoctor explain}: the plan of one statement as an annotated tree, then the plan findings. The
 * statement comes from the command line or {@code --file} and is explained on {@code --url}; or
 * {@code --plan} analyzes EXPLAIN output the user already has (JSON or text format), without a database.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explains one statement and points at what makes its plan slow, with the fix.",
      "Reads run with EXPLAIN (ANALYZE, BUFFERS) in a read-only transaction; writes are only planned unless "
          + "--analyze-writes, and then run in a transaction that is rolled back. Statements with $1 "
          + "parameters get a generic plan (a prepared statement planned generic, on PostgreSQL 13+). Exactly "
          + "one statement is sent, through the extended query protocol, in a read-only session (docs/security.md)."
    })
final class ExplainCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "SQL", description = "The statement to explain (one statement).")
  String sql;

  @Option(names = "--file", paramLabel = "FILE", description = "Read the statement from FILE.")
  Path file;

  @Option(names = "--plan", paramLabel = "FILE",
      description = "Analyze this EXPLAIN output instead of explaining on a database: PostgreSQL FORMAT JSON or "
          + "text (psql, auto_explain), MySQL/MariaDB EXPLAIN FORMAT=JSON, MariaDB ANALYZE FORMAT=JSON, MySQL "
          + "EXPLAIN ANALYZE / FORMAT=TREE (recognised from the file).")
  Path plan;

  @Option(names = "--max-plan-size", paramLabel = "SIZE", defaultValue = "256MB", converter = ByteSizeConverter.class,
      description = "With --plan: refuse plan files larger than this (default: ${DEFAULT-VALUE}; e.g. 1GB, 512MiB).")
  long maxPlanBytes;

  @Option(names = "--url", paramLabel = "URL",
      description = "The database to explain on: jdbc:postgresql://host[:port]/database or postgres://host/database "
          + "(default: DATABASE_URL, else PGHOST, PGPORT and PGDATABASE; no password in it); or "
          + "jdbc:mariadb://host[:port]/database, jdbc:mysql://host[:port]/database.")
  String url;

  @Option(names = "--user", paramLabel = "ROLE", description = "Role to connect as (default: PGUSER, else the OS user).")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Environment variable holding the password (default: PGPASSWORD, then ~/.pgpass).")
  String passwordEnv;

  @Option(names = "--no-analyze", description = "Only plan the statement (plain EXPLAIN), even a read.")
  boolean noAnalyze;

  @Option(names = "--analyze",
      description = "MySQL/MariaDB: run the read to measure it (MariaDB ANALYZE FORMAT=JSON, MySQL 8.0.18+ EXPLAIN "
          + "ANALYZE) in a read-only transaction that is rolled back. Without it only EXPLAIN FORMAT=JSON runs. "
          + "(PostgreSQL analyzes reads by default; see --no-analyze.)")
  boolean analyzeMysql;

  @Option(names = "--analyze-writes",
      description = "Also run INSERT/UPDATE/DELETE/MERGE with EXPLAIN ANALYZE, inside a transaction that is "
          + "always rolled back (row locks are held until then). Sequences advance regardless: nextval is not "
          + "transactional, so serial/identity columns keep the values the run took; a statement that calls "
          + "nextval or setval itself is only planned.")
  boolean analyzeWrites;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Plan with a planner or memory setting changed for this session only, to see what it would "
          + "do: --set work_mem=64MB, --set enable_seqscan=off, --set random_page_cost=1.1. Repeatable. "
          + "Nothing is changed on the server.")
  private java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Cancel the statement after this many seconds (statement_timeout; default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Mixin
  private OutputOptions output;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), !output.quiet);
    output.checkWritable();
    long start = System.currentTimeMillis();
    String target;
    String explainedWhat;
    Explained explained;
    if (plan != null) {
      if (sql != null || file != null || url != null) {
        throw new UserError("--plan analyzes a plan file: give no SQL, --file or --url with it");
      }
      target = plan.toString();
      explainedWhat = "plan file " + plan.getFileName();
      explained = MysqlExplain.isMysqlPlan(plan) ? MysqlExplain.fromFile(plan, maxPlanBytes)
          : ExplainService.withDefaults().analyzePlan(planFile(), "query");
    } else {
      String statement = statement();
      ExplainableStatement.check(statement);
      explainedWhat = statement;
      if (url == null && PgEnvironment.standard().url().isEmpty()) {
        throw new UserError("no database given to explain the statement on: use " + PgEnvironment.sources()
            + " (or --plan FILE)");
      }
      ConnectionOptions connection = connection();
      if (!connection.isPostgres()) {
        if (timeoutSeconds <= 0) {
          throw new UserError("--timeout must be a positive number of seconds, got " + timeoutSeconds);
        }
        var engineTarget = connection.target();
        EngineRuns.refuse(analyzeWrites, "--analyze-writes", engineTarget);
        EngineRuns.refuse(!settings.isEmpty(), "--set", engineTarget);
        target = engineTarget.redactedUrl();
        progress.step("explaining on " + target);
        explained = MysqlExplain.live(engineTarget, statement, analyzeMysql, timeoutSeconds);
        return write(explained, out, target, start, explainedWhat);
      }
      target = connection.parsedUrl().redacted();
      progress.step("connecting to " + target);
      Connection jdbc = connection.connect();
      if (timeoutSeconds <= 0) {
        throw new UserError("--timeout must be a positive number of seconds, got " + timeoutSeconds);
      }
      try (SafeExecutor executor = new SafeExecutor(jdbc, Duration.ofSeconds(timeoutSeconds),
          SafeExecutor.DEFAULT_LOCK_TIMEOUT)) {
        for (var setting : settings.entrySet()) {
          executor.setPlannerSetting(setting.getKey(), setting.getValue());
        }
        progress.step("explaining");
        explained = ExplainService.withDefaults().explain(executor, statement, !noAnalyze, analyzeWrites, "query");
      }
    }
    return write(explained, out, target, start, explainedWhat);
  }

  private int write(Explained explained, PrintWriter out, String target, long start, String explainedWhat)
      throws IOException {
    Report report = explained.report(target, VersionProvider.tool(), Instant.now(), System.currentTimeMillis() - start,
        explainedWhat);
    if (output.format == ReportFormat.TEXT && output.output == null) {
      // The annotated tree is printed first, in full; the report after it need not repeat it.
      out.println(output.shown(explained.tree()));
      report = report.withoutPlans();
    }
    return output.write(report, out, DiagnoseCommand.DEFAULT_FAIL_ON);
  }

  private String statement() {
    if (sql != null && file != null) {
      throw new UserError("give the statement either as an argument or with --file, not both");
    }
    if (file != null) {
      return read(file, "SQL");
    }
    if (sql == null) {
      throw new UserError("no statement given: pass SQL, --file FILE, or --plan FILE");
    }
    return sql;
  }

  private ConnectionOptions connection() {
    ConnectionOptions connection = new ConnectionOptions();
    connection.url = url;
    connection.user = user;
    connection.passwordEnv = passwordEnv;
    return connection;
  }

  private io.querydoctor.core.plan.Plan planFile() {
    try {
      return PlanFile.read(plan, maxPlanBytes);
    } catch (PlanFile.TooLarge e) {
      throw new UserError(e.getMessage() + "; raise it with --max-plan-size", e);
    } catch (IOException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** Far beyond any statement a person explains; a file or device that goes on (/dev/zero) stops here. */
  static final int MAX_SQL_FILE_BYTES = 16_000_000;

  private static String read(Path path, String what) {
    try (java.io.InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(InputFile.HEAD_BYTES);
      String problem = InputFile.textProblem(head, head.length);
      if (problem != null) {
        throw new UserError("the " + what + " file " + path + " is " + problem);
      }
      byte[] rest = in.readNBytes(MAX_SQL_FILE_BYTES + 1 - head.length);
      if (head.length + rest.length > MAX_SQL_FILE_BYTES) {
        throw new UserError("the " + what + " file " + path + " is larger than 16 MB: give one statement");
      }
      byte[] bytes = java.util.Arrays.copyOf(head, head.length + rest.length);
      System.arraycopy(rest, 0, bytes, head.length, rest.length);
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new UserError("the " + what + " file " + path + " is not UTF-8 text (binary, UTF-16 or Latin-1?)", e);
    } catch (IOException e) {
      throw new UserError("cannot read the " + what + " file " + path + ": " + InputFile.reason(e), e);
    }
  }

}
