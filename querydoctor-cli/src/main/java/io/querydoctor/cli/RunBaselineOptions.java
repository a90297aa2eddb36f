package io.querydoctor.cli;

import io.querydoctor.core.digest.DigestThresholds;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.RunBaseline;
import io.querydoctor.core.report.RunComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --save-baseline} and {@code --baseline} for commands that diagnose (a mixin: {@code digest} has its own
 * {@code --baseline} for saved digests). Use: {@link #checkReadable()} before the diagnosis, then
 * {@code report = baselines.apply(report)} before {@link OutputOptions#write}.
 */
final class RunBaselineOptions {

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Compare with a run saved by --save-baseline: new findings, resolved findings, and latency "
          + "regressions (latency-regression: a query shape's p95 or mean at least 2x its baseline's), shown in a "
          + "section of the report; the regressions are findings too.")
  Path baseline;

  @Option(names = "--save-baseline", paramLabel = "FILE",
      description = "Save this run (finding keys with severity; per query shape calls, mean and p95) as JSON, "
          + "for a later --baseline.")
  Path saveBaseline;

  /** Fails before any long work if the baseline cannot be read. */
  void checkReadable() {
    if (baseline != null && !Files.isReadable(baseline)) {
      throw new UserError("cannot read the baseline " + baseline + ": it does not exist or is not readable");
    }
  }

  /** Saves {@code report} if asked, then returns it compared with the baseline if one was given. */
  Report apply(Report report) {
    Report result = report;
    if (baseline != null) {
      try {
        result = RunComparison.compare(report, RunBaseline.load(baseline), baseline.toString(),
            DigestThresholds.DEFAULTS);
      } catch (IOException e) {
        throw new UserError(e.getMessage(), e);
      }
    }
    if (saveBaseline != null) {
      try {
        RunBaseline.of(report).save(saveBaseline);
      } catch (IOException e) {
        throw new UserError("cannot save the baseline to " + saveBaseline + ": " + e.getMessage(), e);
      }
    }
    return result;
  }
}
