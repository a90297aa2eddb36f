package io.querydoctor.cli;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.digest.DigestBuilder;
import io.querydoctor.core.digest.TimeWindow;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.postgres.advisor.ParameterSamples;
import io.querydoctor.postgres.connect.ConnectionErrors;
import io.querydoctor.postgres.connect.SafeExecutor;
import io.querydoctor.postgres.log.LogFileDigester;
import io.querydoctor.postgres.log.LogWorkload;
import io.querydoctor.postgres.log.LoggedSamples;
import io.querydoctor.postgres.log.ServerLogLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The server's own log, read by {@code diagnose} through SQL when no {@code --log} is given
 * ({@link ServerLogLocator}): a bounded window, by size and by age.
 */
final class ServerLogOptions {

  /** The skipped-check name a report gives when the server log could not be read. */
  static final String CHECK = "server-log";

  @Option(names = "--no-server-log",
      description = "Do not read the server's log through SQL (by default diagnose and advise read the recent part "
          + "of the current log file when the role may: superuser, or pg_monitor plus EXECUTE on "
          + "pg_read_binary_file; diagnose adds its findings to the report and its 50 heaviest statement shapes to "
          + "the index advisor's workload; both plan pg_stat_statements' $n texts with its literal values).")
  boolean disabled;

  @Option(names = "--server-log-max-mb", paramLabel = "MB", defaultValue = "16",
      description = "Read at most the last MB mebibytes of the server's current log file (default: ${DEFAULT-VALUE}).")
  long maxMegabytes;

  @Option(names = "--server-log-hours", paramLabel = "HOURS", defaultValue = "24",
      description = "Of the server's log, use only statements of the last HOURS hours (default: ${DEFAULT-VALUE}).")
  long hours;

  /** Refuses bad limits before anything connects. */
  void check() {
    if (maxMegabytes <= 0 || hours <= 0) {
      throw new UserError("--server-log-max-mb and --server-log-hours must be positive");
    }
  }

  /**
   * The server log's workload, its statements' literal values (for the index advisor to plan pg_stat_statements'
   * {@code $n} texts with), and what could not be read, in one.
   */
  record Read(LogWorkload workload, ParameterSamples samples, List<SkippedCheck> skipped) {}

  /** Samples of the statements' literal values from the server's log, and what could not be read. */
  record Samples(ParameterSamples samples, List<SkippedCheck> skipped) {}

  /**
   * The literal texts of the server log's statements, for {@code advise} to plan pg_stat_statements' {@code $n}
   * texts with ({@link ParameterSamples}); empty, with the reason, when the log cannot be read. Never throws for a
   * log the role may not read. Runs over {@code executor}'s connection, which stays open.
   */
  Samples samples(SafeExecutor executor, ProgressListener progress) {
    ParameterSamples samples = ParameterSamples.none();
    if (disabled) {
      return new Samples(samples, List.of());
    }
    try {
      Path folder = Files.createTempDirectory("querydoctor-server-log-");
      folder.toFile().deleteOnExit();
      ServerLogLocator.ServerLog log = new ServerLogLocator(executor, maxMegabytes << 20).fetch(folder);
      try {
        progress.step("reading sample values from the server log " + log.describe());
        LoggedSamples.read(log.copy(), log.format(), log.prefix(),
            new TimeWindow(Instant.now().minus(Duration.ofHours(hours)), null), samples, "the server log");
      } finally {
        Files.deleteIfExists(log.copy());
        Files.deleteIfExists(folder);
      }
      return new Samples(samples, List.of());
    } catch (ServerLogLocator.Unavailable e) {
      return new Samples(samples, List.of(new SkippedCheck(CHECK, e.getMessage())));
    } catch (SQLException | IOException | IllegalArgumentException e) {
      return new Samples(samples, List.of(new SkippedCheck(CHECK, "the server log could not be read: "
          + ConnectionErrors.firstLine(String.valueOf(e.getMessage())))));
    }
  }

  /**
   * Reads the server's log over {@code connection} (closed here), or says why not; never throws for a log the
   * role may not read.
   */
  Read read(Connection connection, ProgressListener progress) {
    try (SafeExecutor executor = new SafeExecutor(connection)) {
      Path folder = Files.createTempDirectory("querydoctor-server-log-");
      folder.toFile().deleteOnExit();
      ServerLogLocator.ServerLog log = new ServerLogLocator(executor, maxMegabytes << 20).fetch(folder);
      log.copy().toFile().deleteOnExit();
      progress.step("reading the server log " + log.describe());
      TimeWindow window = new TimeWindow(Instant.now().minus(Duration.ofHours(hours)), null);
      LogWorkload workload = LogWorkload.read(new LogFileDigester(log.format(), log.prefix(),
          DigestBuilder.DEFAULT_MAX_SHAPES, progress).within(window), List.of(log.copy()));
      ParameterSamples samples = ParameterSamples.none();
      LoggedSamples.read(log.copy(), log.format(), log.prefix(), window, samples, "the server log");
      return new Read(workload, samples, List.of());
    } catch (ServerLogLocator.Unavailable e) {
      return new Read(null, ParameterSamples.none(), List.of(new SkippedCheck(CHECK, e.getMessage())));
    } catch (SQLException | IOException | IllegalArgumentException e) {
      return new Read(null, ParameterSamples.none(), List.of(new SkippedCheck(CHECK, "the server log could not be "
          + "read: " + ConnectionErrors.firstLine(String.valueOf(e.getMessage())) + "; pass it with --log FILE")));
    }
  }
}
