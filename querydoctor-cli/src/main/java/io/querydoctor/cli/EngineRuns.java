package io.querydoctor.cli;

import io.querydoctor.core.engine.EngineFailure;
import io.querydoctor.core.engine.EngineTarget;
import io.querydoctor.core.engine.RunSettings;
import io.querydoctor.core.report.Report;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code check} and {@code diagnose} on an engine other than PostgreSQL, through core's engine SPI: the same
 * report, formats, exit codes and redaction; options only PostgreSQL has are refused in one line.
 */
final class EngineRuns {

  private EngineRuns() {}

  static Report check(EngineTarget target, Map<String, String> thresholds, ConsoleProgress progress)
      throws EngineFailure, SQLException {
    progress.step("connecting to " + target.redactedUrl());
    return target.check(settings(thresholds, false), progress);
  }

  static Report diagnose(EngineTarget target, Map<String, String> thresholds, boolean sandbox,
      ConsoleProgress progress) throws EngineFailure, SQLException {
    progress.step("connecting to " + target.redactedUrl());
    return target.diagnose(settings(thresholds, sandbox), progress);
  }

  /** A PostgreSQL-only option given with another engine's URL: one line naming it. */
  static void refuse(boolean given, String option, EngineTarget target) {
    if (given) {
      throw new UserError(option + " is PostgreSQL-only; it does not apply to " + target.engine().name() + " ("
          + target.redactedUrl() + ")");
    }
  }

  private static RunSettings settings(Map<String, String> thresholds, boolean sandbox) {
    return new RunSettings(VersionProvider.tool(), thresholds, sandbox);
  }

  /** Runs {@code work}, turning a bad threshold key or value into a one-line {@link UserError}. */
  static Report withThresholds(ReportWork work) throws EngineFailure, SQLException {
    try {
      return work.run();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  @FunctionalInterface
  interface ReportWork {
    Report run() throws EngineFailure, SQLException;
  }
}
