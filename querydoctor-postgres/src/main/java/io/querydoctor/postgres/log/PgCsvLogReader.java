package io.querydoctor.postgres.log;

import io.querydoctor.core.digest.LineBytes;
import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogReader;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * PostgreSQL's csvlog ({@code log_destination = csvlog}). A record spans several lines when a quoted field
 * (the message with a multi-line statement) contains newlines. Columns by position, as documented for
 * PostgreSQL 13–17: log_time 0, user_name 1, database_name 2, connection_from 4, error_severity 11,
 * message 13, application_name 22. Only {@code LOG} records whose message starts with {@code duration:} are
 * decoded. Malformed records (bad quoting, too few columns, non-UTF-8, unreadable duration, a quoted field
 * left open at the end of the file or longer than the line limit) are counted and skipped.
 */
public final class PgCsvLogReader implements LogReader {

  private final LoggedPlans plans;

  public PgCsvLogReader() {
    this(null);
  }

  /** A reader that hands auto_explain's {@code plan:} messages to {@code plans} (or skips them when null). */
  public PgCsvLogReader(LoggedPlans plans) {
    this.plans = plans;
  }

  static final String MALFORMED = "malformed CSV records";
  static final String TRUNCATED = "truncated CSV records";
  static final String BAD_DURATION = "unreadable duration messages";
  static final String NOT_UTF8 = "entries with non-UTF-8 bytes";

  private static final int LOG_TIME = 0;
  private static final int USER = 1;
  private static final int DATABASE = 2;
  private static final int CONNECTION_FROM = 4;
  private static final int SEVERITY = 11;
  private static final int MESSAGE = 13;
  private static final int APPLICATION = 22;
  private static final byte[] LOG = LineBytes.ascii("LOG");
  private static final byte[] DURATION = LineBytes.ascii(DurationMessage.PREFIX);

  @Override
  public Stream<LogStatement> read(LineReader lines) {
    CsvRecord record = new CsvRecord();
    PgTimestamp timestamps = new PgTimestamp();
    return LogReader.lazy(() -> next(lines, record, timestamps));
  }

  private LogStatement next(LineReader lines, CsvRecord record, PgTimestamp timestamps) {
    ParseProblems problems = lines.problems();
    while (lines.next()) {
      if (lines.start() == lines.end()) {
        continue;
      }
      long firstLine = lines.number();
      record.clear();
      boolean open = record.append(lines.bytes(), lines.start(), lines.end());
      while (open && record.length() <= LineReader.DEFAULT_MAX_LINE_BYTES && lines.next()) {
        if (startsRecord(lines.bytes(), lines.start(), lines.end())) {
          // A quote left open by a broken record must not swallow the records after it.
          lines.pushBack();
          break;
        }
        open = record.append(lines.bytes(), lines.start(), lines.end());
      }
      if (open) {
        problems.skip(firstLine, TRUNCATED);
        continue;
      }
      if (!record.split() || record.fields() <= MESSAGE) {
        problems.skip(firstLine, MALFORMED);
        continue;
      }
      if (!record.fieldEquals(SEVERITY, LOG) || !record.fieldStartsWith(MESSAGE, DURATION)) {
        continue;
      }
      LogStatement statement = statement(lines, record, timestamps, firstLine);
      if (statement != null) {
        return statement;
      }
    }
    problems.linesRead(lines.number());
    return null;
  }

  /** True if the line starts like a csvlog record: {@code yyyy-mm-dd hh:mm:ss…,}. */
  static boolean startsRecord(byte[] b, int from, int to) {
    if (to - from < PgTimestamp.DATE_TIME_LENGTH + 1 || b[from + 4] != '-' || b[from + 7] != '-'
        || b[from + 10] != ' ' || b[from + 13] != ':' || b[from + 16] != ':') {
      return false;
    }
    int comma = LineBytes.indexOf(b, from + PgTimestamp.DATE_TIME_LENGTH, Math.min(to, from + 48), (byte) ',');
    return comma > 0 && b[from] >= '0' && b[from] <= '9';
  }

  private LogStatement statement(LineReader lines, CsvRecord record, PgTimestamp timestamps, long line) {
    ParseProblems problems = lines.problems();
    String message = record.field(MESSAGE, lines);
    String user = record.field(USER, lines);
    String database = record.field(DATABASE, lines);
    String application = record.field(APPLICATION, lines);
    String client = record.field(CONNECTION_FROM, lines);
    if ("".equals(message) || "".equals(user) || "".equals(database) || "".equals(application)) {
      problems.skip(line, NOT_UTF8);
      return null;
    }
    DurationMessage parsed = DurationMessage.parse(message);
    if (parsed == null) {
      problems.skip(line, BAD_DURATION);
      return null;
    }
    if (parsed == DurationMessage.IGNORED) {
      String plan = plans == null ? null : DurationMessage.planBody(message);
      if (plan != null) {
        plans.add(parsed.millis(), plan);
      }
      return null;
    }
    String time = record.field(LOG_TIME, lines);
    long epochMillis = time == null || time.isEmpty() ? Long.MIN_VALUE : timestamps.parse(time);
    int port = client == null ? -1 : client.lastIndexOf(':');
    problems.statement();
    return new LogStatement(epochMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(epochMillis),
        parsed.millis(), parsed.sql(), database, user, application, port > 0 ? client.substring(0, port) : client,
        -1, -1, -1);
  }
}
