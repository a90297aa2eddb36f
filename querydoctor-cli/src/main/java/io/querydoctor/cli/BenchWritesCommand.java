package io.querydoctor.cli;

import io.querydoctor.core.engine.ConnectionRequest;
import io.querydoctor.core.engine.DatabaseEngines;
import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.postgres.connect.PgConnector;
import io.querydoctor.postgres.connect.PgUrl;
import io.querydoctor.remedies.write.WriteDialect;
import io.querydoctor.remedies.write.bench.BenchResult;
import io.querydoctor.remedies.write.bench.BenchTable;
import io.querydoctor.remedies.write.bench.ScratchTable;
import io.querydoctor.remedies.write.bench.SyntheticRows;
import io.querydoctor.remedies.write.bench.TableShape;
import io.querydoctor.remedies.write.bench.WriteBenchmark;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code querydoctor bench-writes}: times the ways of inserting many rows on the user's own database, into an
 * empty copy of one of its tables that is dropped afterwards. It writes, so it runs only on a database the user
 * declares a sandbox.
 */
@Command(
    name = "bench-writes",
    mixinStandardHelpOptions = true,
    description = {
      "Measures bulk-insert strategies on your database: one statement per row (autocommit), one transaction, "
          + "JDBC batches of 100/500/1000 (reWriteBatchedInserts; on MySQL/MariaDB rewriteBatchedStatements or "
          + "MariaDB Connector/J's bulk protocol), multi-row VALUES and COPY (LOAD DATA LOCAL INFILE on "
          + "MySQL/MariaDB, where local_infile allows), with synthetic rows "
          + "shaped like TABLE's columns; prints rows/s and the speed-up over one statement per row.",
      "It writes into an empty copy of TABLE (same columns, NOT NULLs, checks and indexes; no foreign keys, "
          + "triggers or sequences) and drops the copy at the end: TABLE itself is only read from the catalog. "
          + "Needs --sandbox. See docs/remedies.md#bulk-writes."
    })
final class BenchWritesCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private ConnectionOptions connection;

  @Option(names = "--table", paramLabel = "TABLE", required = true,
      description = "The table whose shape the rows take: name or schema.name.")
  private String table;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "10000",
      description = "Rows each strategy writes (default: ${DEFAULT-VALUE}). One statement per row is the slow one: "
          + "at the runbook's 19 rows/s, 10 000 rows take 9 minutes.")
  private long rows;

  @Option(names = "--sandbox",
      description = "This database is a sandbox (a copy, a staging database): bench-writes may create, fill and "
          + "drop a scratch table in it.")
  private boolean sandbox;

  @Option(names = {"-q", "--quiet"}, description = "No progress messages on standard error.")
  private boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Stack traces with errors.")
  private boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (!sandbox) {
      throw new UserError("bench-writes writes (a scratch copy of " + table + ", dropped afterwards): run it only "
          + "on a database you declare a sandbox with --sandbox");
    }
    if (rows < 1 || rows > 100_000_000) {
      throw new UserError("invalid --rows: " + rows + " (1 to 100,000,000)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConsoleProgress progress = new ConsoleProgress(err, !quiet);
    Connections opened = open(progress);
    try (Connection plain = opened.plain(); Connection rewriting = opened.batching()) {
      WriteDialect dialect = WriteDialect.of(plain);
      TableShape shape = TableShape.read(plain.getMetaData(), table);
      if (shape.columns().isEmpty()) {
        throw new UserError("no table " + table + " visible to this user");
      }
      checkGenerable(shape);
      List<BenchResult> results;
      List<String> skipped;
      try (ScratchTable scratch = ScratchTable.create(plain, dialect, shape, List.of(plain, rewriting),
          opened.reconnect(),
          warning -> { err.println("querydoctor: " + warning); err.flush(); })) {
        progress.step(String.format(Locale.ROOT, "writing %,d rows with each strategy into %s (a copy of %s.%s)",
            rows, scratch.unquotedName(), shape.schema(), shape.table()));
        WriteBenchmark benchmark = new WriteBenchmark(dialect, plain, rewriting, progress);
        results = benchmark.run(scratch, shape, rows);
        skipped = benchmark.skipped();
      }
      out.printf(Locale.ROOT, "bench-writes: %,d rows per strategy, shaped like %s.%s (%d columns), on %s %s%n%n",
          rows, shape.schema(), shape.table(), shape.writable().size(), dialect.name(),
          plain.getMetaData().getDatabaseProductVersion());
      out.print(BenchTable.render(results, dialect));
      skipped.forEach(out::println);
      out.println();
      out.println("JDBC batches ran on a connection with " + dialect.batchRewriteParameter() + ".");
      out.println(BenchTable.RUNBOOK);
      out.println("The scratch table was dropped; " + shape.table() + " was not written to.");
      out.flush();
      return ExitCode.CLEAN;
    }
  }

  /** The connection as given, one with the driver's batching flag, and how to reconnect for the exit hook. */
  private record Connections(Connection plain, Connection batching, ScratchTable.ConnectionOpener reconnect) {}

  private Connections open(ConsoleProgress progress) throws Exception {
    if (connection.isPostgres()) {
      PgUrl url = connection.parsedUrl();
      progress.step("connecting to " + url.redacted());
      Connection plain = connection.connect();
      return new Connections(plain, rewriting(url, plain), connection::connect);
    }
    EngineTarget target = connection.target();
    progress.step("connecting to " + target.redactedUrl());
    Connection plain = target.connect();
    String url = ConnectionOptions.effectiveUrl(connection.url);
    String batching = url + (url.contains("?") ? "&" : "?") + WriteDialect.of(plain).batchRewriteParameter();
    EngineTarget batchingTarget = DatabaseEngines.installed().forUrl(batching)
        .target(ConnectionRequest.of(batching, connection.user, connection.passwordEnv));
    try {
      return new Connections(plain, batchingTarget.connect(), target::connect);
    } catch (Exception e) {
      plain.close();
      throw e;
    }
  }

  /** The same connection as {@code plain}'s but with the driver's batch rewriting on. */
  private Connection rewriting(PgUrl url, Connection plain) throws Exception {
    String parameter = WriteDialect.of(plain).batchRewriteParameter();
    String withParameter = url.url() + (url.url().contains("?") ? "&" : "?") + parameter;
    PgUrl rewritten = new PgUrl(withParameter, url.host(), url.port(), url.database(), url.user(), url.password());
    return PgConnector.standard().connect(rewritten, connection.user, connection.passwordEnv);
  }

  private static void checkGenerable(TableShape shape) {
    try {
      new SyntheticRows(shape.writable());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
