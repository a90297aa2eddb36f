package io.querydoctor.cli;

import io.querydoctor.core.digest.DigestFile;
import io.querydoctor.iceberg.history.HistoryFormatException;
import io.querydoctor.iceberg.history.QueryHistory;
import io.querydoctor.iceberg.history.QueryHistoryReader;
import io.querydoctor.iceberg.rules.IcebergThresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The query history and thresholds of the Iceberg rules; shared by {@code iceberg check} and {@code demo}. */
final class IcebergRuleOptions {

  @Option(names = "--history", paramLabel = "FILE",
      description = "Query history: JSON lines or CSV with the SQL, latency and optionally files/bytes scanned per "
          + "query (format in docs/iceberg.md). Needed by partition-pruning-missing (filters), layout-unsorted, "
          + "bloom-filter-missing and non-sargable-predicate; digested by query pattern in the report.")
  Path history;

  @Option(names = "--history-baseline", paramLabel = "FILE",
      description = "A digest saved by --save-history-baseline: query patterns whose p95 (or mean) is 2x or more "
          + "above it are reported as latency-regression.")
  Path baseline;

  @Option(names = "--save-history-baseline", paramLabel = "FILE",
      description = "Save this history's digest by query pattern, as the baseline of a later --history-baseline.")
  Path saveBaseline;

  @Option(names = "--target-file-size", paramLabel = "SIZE", converter = ByteSizeConverter.class,
      description = "Compare file sizes with (and compact to) this size instead of each table's "
          + "write.target-file-size-bytes (Iceberg's default 512 MB); the runbook's is 128MiB.")
  Long targetFileSize;

  @Option(names = "--threshold", paramLabel = "KEY=VALUE",
      description = "Overrides one Iceberg threshold (repeatable): snapshots=100, manifests=100, "
          + "metadata-json-size=4194304, delete-files=10, small-files-per-partition=5, overlap-ratio=0.5, "
          + "filter-min-queries=3 (defaults shown; docs/iceberg.md).")
  Map<String, String> overrides = new LinkedHashMap<>();

  IcebergThresholds thresholds() {
    IcebergThresholds chosen = IcebergThresholds.DEFAULTS;
    try {
      chosen = chosen.with(overrides);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    return targetFileSize == null ? chosen : chosen.withTargetFileSize(targetFileSize);
  }

  QueryHistory readHistory() {
    if (history == null) {
      return QueryHistory.NONE;
    }
    try {
      return new QueryHistoryReader().read(history);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read the query history " + history + ": no such file", e);
    } catch (IOException e) {
      throw new UserError("cannot read the query history " + history + ": " + e.getMessage(), e);
    } catch (HistoryFormatException e) {
      throw new UserError("bad query history: " + e.getMessage(), e);
    }
  }

  DigestFile readBaseline() {
    if (baseline == null) {
      return null;
    }
    if (history == null) {
      throw new UserError("--history-baseline compares a query history: give --history FILE too");
    }
    try {
      return DigestFile.load(baseline);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot read the history baseline " + baseline + ": no such file", e);
    } catch (IOException e) {
      throw new UserError("cannot read the history baseline " + baseline + ": " + e.getMessage(), e);
    }
  }

  void saveBaseline(QueryHistory read, java.time.Instant now) {
    if (saveBaseline == null) {
      return;
    }
    if (read.isEmpty()) {
      throw new UserError("--save-history-baseline saves a query history's digest: give --history FILE");
    }
    try {
      Path parent = saveBaseline.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new UserError("cannot save the history baseline to " + saveBaseline + ": no such directory");
      }
      DigestFile.save(read.digest(), now, saveBaseline);
    } catch (IOException e) {
      throw new UserError("cannot save the history baseline to " + saveBaseline + ": " + e.getMessage(), e);
    }
  }
}
