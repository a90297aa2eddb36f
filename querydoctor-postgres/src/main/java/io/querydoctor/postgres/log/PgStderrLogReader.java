package io.querydoctor.postgres.log;

import io.querydoctor.core.digest.LineBytes;
import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogReader;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * PostgreSQL's stderr log ({@code log_destination = stderr}, with or without the logging collector).
 *
 * <p>Design note. An entry is a line that starts with the {@code log_line_prefix} and a severity, followed
 * by its continuation lines, which the server starts with a tab (a multi-line statement). The prefix and
 * severity are matched on bytes and only {@code LOG:  duration: …} entries are decoded; everything else
 * (DETAIL with the parameters, CONTEXT, checkpoints, errors) is skipped silently because it is well formed.
 * A line that neither matches the prefix nor continues an entry is counted as skipped, as is an entry with
 * non-UTF-8 bytes or a duration message that cannot be read. The logging collector writes each message
 * atomically, so entries of different backends do not interleave inside one entry.
 */
public final class PgStderrLogReader implements LogReader {

  static final String NO_PREFIX = "lines not matching log_line_prefix";
  static final String BAD_DURATION = "unreadable duration messages";
  static final String NOT_UTF8 = "entries with non-UTF-8 bytes";

  private static final byte[] DURATION = LineBytes.ascii(DurationMessage.PREFIX);

  private final LogLinePrefix prefix;
  private final LoggedPlans plans;

  public PgStderrLogReader(LogLinePrefix prefix) {
    this(prefix, null);
  }

  /** A reader that hands auto_explain's {@code plan:} entries to {@code plans} (or skips them when null). */
  public PgStderrLogReader(LogLinePrefix prefix, LoggedPlans plans) {
    this.prefix = prefix;
    this.plans = plans;
  }

  /** The prefix detected from the first lines of a log ({@code head}), or {@code null} when none fits. */
  public static LogLinePrefix detectPrefix(byte[] head, int length) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < length && lines.size() < 200; i++) {
      if (head[i] == '\n') {
        if (i > start && head[start] != '\t') {
          lines.add(java.util.Arrays.copyOfRange(head, start, i));
        }
        start = i + 1;
      }
    }
    return LogLinePrefix.detect(lines);
  }

  @Override
  public Stream<LogStatement> read(LineReader lines) {
    PrefixFields fields = new PrefixFields();
    return LogReader.lazy(() -> next(lines, fields));
  }

  private LogStatement next(LineReader lines, PrefixFields fields) {
    ParseProblems problems = lines.problems();
    while (lines.next()) {
      byte[] b = lines.bytes();
      int from = lines.start();
      int to = lines.end();
      if (from == to || b[from] == '\t') {
        continue;
      }
      int severity = prefix.match(b, from, to, fields);
      if (severity < 0) {
        problems.skip(lines.number(), NO_PREFIX);
        continue;
      }
      int message = Severity.messageStart(b, severity, to);
      if (!Severity.isLog(b, severity, to) || !LineBytes.startsWith(b, message, to, DURATION)) {
        continue;
      }
      LogStatement statement = entry(lines, fields, message);
      if (statement != null) {
        return statement;
      }
    }
    problems.linesRead(lines.number());
    return null;
  }

  /**
   * Reads the duration entry that starts on the current line, with its continuation lines. Only calls are
   * decoded, and only from where their SQL starts.
   */
  private LogStatement entry(LineReader lines, PrefixFields fields, int message) {
    byte[] b = lines.bytes();
    long firstLine = lines.number();
    ParseProblems problems = lines.problems();
    int sql = DurationMessage.sqlStart(b, message, lines.end());
    if (sql == DurationMessage.NOT_A_CALL && plans != null && DurationMessage.isPlan(b, message, lines.end())) {
      plan(lines, DurationMessage.millis(b, message, lines.end()));
      return null;
    }
    if (sql < 0) {
      skipContinuations(lines);
      if (sql == DurationMessage.MALFORMED) {
        problems.skip(firstLine, BAD_DURATION);
      }
      return null;
    }
    double millis = DurationMessage.millis(b, message, lines.end());
    long epochMillis = prefix.epochMillis(b, fields);
    String user = fields.user(b);
    String database = fields.database(b);
    String application = fields.application(b);
    String client = fields.client(b);
    String first = lines.decode(b, sql, lines.end());
    StringBuilder text = null;
    boolean valid = first != null;
    while (lines.next()) {
      int from = lines.start();
      if (from == lines.end() || lines.bytes()[from] != '\t') {
        lines.pushBack();
        break;
      }
      String more = lines.decode(lines.bytes(), from + 1, lines.end());
      valid &= more != null;
      if (valid) {
        text = text == null ? new StringBuilder(first) : text;
        text.append('\n').append(more);
      }
    }
    if (!valid) {
      problems.skip(firstLine, NOT_UTF8);
      return null;
    }
    problems.statement();
    Instant at = epochMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(epochMillis);
    return new LogStatement(at, millis, text == null ? first : text.toString(), database, user, application, client,
        -1, -1, -1);
  }

  /** An auto_explain plan: its continuation lines, tab removed; one with non-UTF-8 bytes is counted. */
  private void plan(LineReader lines, double millis) {
    long firstLine = lines.number();
    StringBuilder body = new StringBuilder();
    boolean valid = true;
    while (lines.next()) {
      int from = lines.start();
      if (from == lines.end() || lines.bytes()[from] != '\t') {
        lines.pushBack();
        break;
      }
      String line = lines.decode(lines.bytes(), from + 1, lines.end());
      valid &= line != null;
      if (valid) {
        body.append(line).append('\n');
      }
    }
    if (!valid) {
      lines.problems().skip(firstLine, NOT_UTF8);
      return;
    }
    plans.add(millis, body.toString());
  }

  private static void skipContinuations(LineReader lines) {
    while (lines.next()) {
      if (lines.start() == lines.end() || lines.bytes()[lines.start()] != '\t') {
        lines.pushBack();
        return;
      }
    }
  }

  /** The reader for a prefix given as text ({@code --prefix}). */
  public static PgStderrLogReader forPrefix(String template) {
    return new PgStderrLogReader(LogLinePrefix.compile(template));
  }
}
