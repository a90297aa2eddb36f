package io.querydoctor.postgres.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.querydoctor.core.digest.LineBytes;
import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogReader;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import java.io.IOException;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * PostgreSQL's jsonlog ({@code log_destination = jsonlog}, PostgreSQL 15+): one JSON object per line with
 * keys {@code timestamp}, {@code user}, {@code dbname}, {@code remote_host}, {@code application_name},
 * {@code error_severity}, {@code message}. Lines that do not mention {@code "duration: } are skipped before
 * any JSON parsing; the rest are read with Jackson's streaming parser. A line that is not a JSON object
 * (garbage, a truncated last line) or not UTF-8 is counted and skipped.
 */
public final class PgJsonLogReader implements LogReader {

  private final LoggedPlans plans;

  public PgJsonLogReader() {
    this(null);
  }

  /** A reader that hands auto_explain's {@code plan:} messages to {@code plans} (or skips them when null). */
  public PgJsonLogReader(LoggedPlans plans) {
    this.plans = plans;
  }

  static final String MALFORMED = "malformed JSON lines";
  static final String BAD_DURATION = "unreadable duration messages";

  private static final byte[] DURATION = LineBytes.ascii("\"duration: ");
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public Stream<LogStatement> read(LineReader lines) {
    PgTimestamp timestamps = new PgTimestamp();
    return LogReader.lazy(() -> next(lines, timestamps));
  }

  private LogStatement next(LineReader lines, PgTimestamp timestamps) {
    ParseProblems problems = lines.problems();
    while (lines.next()) {
      byte[] b = lines.bytes();
      int from = lines.start();
      int to = lines.end();
      if (from == to) {
        continue;
      }
      if (b[from] != '{' || b[to - 1] != '}') {
        problems.skip(lines.number(), MALFORMED);
        continue;
      }
      if (LineBytes.indexOf(b, from, to, DURATION) < 0) {
        continue;
      }
      LogStatement statement = statement(lines, timestamps);
      if (statement != null) {
        return statement;
      }
    }
    problems.linesRead(lines.number());
    return null;
  }

  private LogStatement statement(LineReader lines, PgTimestamp timestamps) {
    ParseProblems problems = lines.problems();
    String timestamp = null;
    String user = null;
    String database = null;
    String client = null;
    String application = null;
    String severity = null;
    String message = null;
    String text = lines.text();
    if (text == null) {
      problems.skip(lines.number(), "entries with non-UTF-8 bytes");
      return null;
    }
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        problems.skip(lines.number(), MALFORMED);
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          parser.skipChildren();
          continue;
        }
        String string = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        switch (name) {
          case "timestamp" -> timestamp = string;
          case "user" -> user = string;
          case "dbname" -> database = string;
          case "remote_host" -> client = string;
          case "application_name" -> application = string;
          case "error_severity" -> severity = string;
          case "message" -> message = string;
          default -> { }
        }
      }
    } catch (IOException e) {
      problems.skip(lines.number(), MALFORMED);
      return null;
    }
    if (!"LOG".equals(severity) || message == null) {
      return null;
    }
    DurationMessage parsed = DurationMessage.parse(message);
    if (parsed == null) {
      problems.skip(lines.number(), BAD_DURATION);
      return null;
    }
    if (parsed == DurationMessage.IGNORED) {
      String plan = plans == null ? null : DurationMessage.planBody(message);
      if (plan != null) {
        plans.add(parsed.millis(), plan);
      }
      return null;
    }
    long epochMillis = timestamp == null ? Long.MIN_VALUE : timestamps.parse(timestamp);
    problems.statement();
    return new LogStatement(epochMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(epochMillis),
        parsed.millis(), parsed.sql(), database, user, application, client, -1, -1, -1);
  }
}
