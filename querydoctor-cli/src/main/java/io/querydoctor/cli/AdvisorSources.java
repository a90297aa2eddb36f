package io.querydoctor.cli;

import io.querydoctor.core.capture.CaptureFileException;
import io.querydoctor.core.capture.CaptureFileReader;
import io.querydoctor.core.capture.FingerprintSummary;
import io.querydoctor.core.capture.WorkloadAggregate;
import io.querydoctor.core.digest.DigestPeriod;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.digest.ShapeDigest;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.core.sql.StatementKind;
import io.querydoctor.postgres.advisor.WorkloadMerge;
import io.querydoctor.postgres.advisor.WorkloadStatement;
import io.querydoctor.postgres.log.LogWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The advisor's workload from the files {@code advise} and {@code diagnose} are given: server logs and JDBC
 * capture files. Each statement shape becomes one statement with its normalized text (literal values as
 * {@code ?}, never the values themselves) weighted by its calls per hour over the span its source covers, so
 * that shapes from a log, a capture and pg_stat_statements weigh alike.
 */
final class AdvisorSources {

  /** Shortest span a source counts as: a few seconds of capture must not weigh as thousands of calls an hour. */
  private static final double MIN_HOURS = 1.0 / 60;

  private AdvisorSources() {}

  /**
   * The shapes of a log and of capture files together: a statement both saw counts once, at the larger rate
   * (as against pg_stat_statements, {@link WorkloadMerge}).
   */
  static List<WorkloadStatement> of(LogWorkload log, List<Path> captures) {
    return of(log, Integer.MAX_VALUE, captures, SqlDialect.POSTGRESQL);
  }

  /**
   * As {@link #of(LogWorkload, List)}, with only the {@code maxLogShapes} heaviest shapes of the log, merged by
   * the fingerprints of {@code dialect} (the engine's: PostgreSQL, or MySQL/MariaDB).
   */
  static List<WorkloadStatement> of(LogWorkload log, int maxLogShapes, List<Path> captures, SqlDialect dialect) {
    return WorkloadMerge.merge(fromLog(log, maxLogShapes), fromCaptures(captures), SqlFingerprinter.of(dialect));
  }

  /** The shapes of a log's digest, or none without a log. */
  static List<WorkloadStatement> fromLog(LogWorkload log) {
    return fromLog(log, Integer.MAX_VALUE);
  }

  /**
   * The {@code max} shapes of a log's digest with the most total time, or none without a log; only reads and
   * writes (DDL, SET and transaction control cannot use an index, and would crowd the head of a server's log).
   */
  static List<WorkloadStatement> fromLog(LogWorkload log, int max) {
    if (log == null) {
      return List.of();
    }
    var digest = log.digest();
    double hours = DigestPeriod.hours(digest);
    List<WorkloadStatement> statements = new ArrayList<>();
    List<ShapeDigest> shapes = digest.shapes().stream()
        .filter(shape -> !StatementKind.OTHER.name().equals(shape.kind()))
        .sorted(DigestSort.TOTAL.order()).limit(max).toList();
    for (var shape : shapes) {
      double rows = shape.rowsSent() == null || shape.calls() == 0 ? 1 : (double) shape.rowsSent() / shape.calls();
      statements.add(new WorkloadStatement(shape.example(), shape.calls() / hours, shape.meanMillis(), rows));
    }
    return statements;
  }

  /**
   * The statement shapes of capture files (the aggregate a replay builds), or a one-line {@link UserError} when a
   * file is missing or is not a capture file.
   */
  static List<WorkloadStatement> fromCaptures(List<Path> files) {
    List<WorkloadStatement> statements = new ArrayList<>();
    for (Path file : files) {
      if (!Files.isReadable(file)) {
        throw new UserError("cannot read capture file " + file + ": it does not exist or is not readable");
      }
      CaptureFileReader.Replay replay;
      try {
        replay = new CaptureFileReader().read(file);
      } catch (CaptureFileException e) {
        throw new UserError(e.getMessage(), e);
      }
      if (replay.statements() == 0) {
        throw new UserError("the capture file " + file + " holds no statement");
      }
      double hours = Math.max(replay.spanNanos() / 3.6e12, MIN_HOURS);
      for (FingerprintSummary shape : replay.aggregate().summaries()) {
        if (shape.fingerprintId().equals(WorkloadAggregate.OTHER) || shape.calls() == 0) {
          continue;
        }
        double rows = shape.rows() <= 0 ? 1 : (double) shape.rows() / shape.calls();
        statements.add(new WorkloadStatement(shape.example(), shape.calls() / hours, shape.meanMillis(), rows));
      }
    }
    return statements;
  }
}
