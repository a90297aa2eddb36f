package io.querydoctor.cli;

import io.querydoctor.postgres.health.HealthThresholds;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How the health checks judge and measure: thresholds (RULES.md defaults, then a properties file, then single
 * overrides) and whether bloat is measured exactly.
 */
final class HealthThresholdOptions {

  @Option(names = "--exact-bloat",
      description = "Measure bloat with the pgstattuple extension (reads every relation of 1 MB or more) instead "
          + "of estimating it from planner statistics.")
  boolean exactBloat;

  @Option(names = "--thresholds", paramLabel = "FILE",
      description = "Properties file of health thresholds (idle-in-transaction=10s, bloat-min-bytes=50MB, …); "
          + "keys are listed in docs/health-checks.md.")
  Path file;

  @Option(names = "--threshold", paramLabel = "KEY=VALUE",
      description = "Overrides one health threshold, e.g. --threshold lock-wait=2s (repeatable; wins over --thresholds).")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** The thresholds to use; a bad file, key or value is a one-line {@link UserError}. */
  HealthThresholds thresholds() {
    try {
      HealthThresholds base = file == null ? HealthThresholds.defaults() : HealthThresholds.load(file);
      return base.with(overrides);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read thresholds file " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UserError("cannot read thresholds file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage() + (file == null ? "" : " (in " + file + " or --threshold)"), e);
    }
  }

  /**
   * The thresholds as given, by key (the file's, then the single overrides), for engines that validate their own
   * keys (MySQL/MariaDB); a file that cannot be read is a one-line {@link UserError}.
   */
  Map<String, String> raw() {
    Map<String, String> all = new LinkedHashMap<>();
    if (file != null) {
      java.util.Properties properties = new java.util.Properties();
      try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UserError("cannot read thresholds file " + file + ": " + e.getMessage(), e);
      }
      properties.stringPropertyNames().forEach(key -> all.put(key, properties.getProperty(key)));
    }
    all.putAll(overrides);
    return all;
  }
}
