package io.querydoctor.postgres.log;

import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.core.digest.LogInput;
import io.querydoctor.core.digest.LogReader;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.digest.TimeWindow;
import io.querydoctor.postgres.advisor.ParameterSamples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The statements of a PostgreSQL log with their literal values, as samples for the advisor's planning
 * ({@link ParameterSamples}): the texts {@code log_min_duration_statement}, {@code log_statement} or auto_explain
 * wrote (auto_explain's query texts too, without the time window: a plan is kept per shape, not per time). The
 * digest keeps only normalized texts; this reads the same records again for the values. Malformed
 * lines are passed over (the digest counts them); a prepared statement's line ({@code $1}, values in a
 * {@code DETAIL}) is no sample.
 */
public final class LoggedSamples {

  private LoggedSamples() {}

  /**
   * Offers every statement of {@code file} logged within {@code window} to {@code samples}, labelled
   * {@code source}.
   *
   * @param format the log's format (not a pg_stat_statements export, which holds no values)
   * @param prefix the stderr {@code log_line_prefix}, or {@code null} to detect it
   */
  public static void read(Path file, LogFormat format, String prefix, TimeWindow window, ParameterSamples samples,
      String source) throws IOException {
    // auto_explain's entries are plans, not statements: their query texts come from the plans kept.
    LoggedPlans plans = new LoggedPlans();
    LogReader reader = switch (format) {
      case PG_CSV -> new PgCsvLogReader(plans);
      case PG_JSON -> new PgJsonLogReader(plans);
      case PG_STDERR -> new PgStderrLogReader(prefix(file, prefix), plans);
      case PGSS_CSV, MYSQL_SLOW -> null;
    };
    if (reader == null) {
      return;
    }
    try (InputStream raw = Files.newInputStream(file);
        LineReader lines = new LineReader(LogInput.decompressed(raw), new ParseProblems())) {
      reader.read(lines).filter(statement -> window.contains(statement.timestamp()))
          .forEach(statement -> samples.offer(statement.sql(), source));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    plans.literalTexts().values().forEach(text -> samples.offer(text, source));
  }

  private static LogLinePrefix prefix(Path file, String given) throws IOException {
    if (given != null) {
      try {
        return LogLinePrefix.compile(given);
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    byte[] head = new byte[64 << 10];
    int length;
    try (InputStream in = LogInput.decompressed(Files.newInputStream(file))) {
      length = in.readNBytes(head, 0, head.length);
    }
    LogLinePrefix detected = PgStderrLogReader.detectPrefix(head, length);
    if (detected == null) {
      throw new IOException("cannot recognise the log_line_prefix of " + file);
    }
    return detected;
  }
}
