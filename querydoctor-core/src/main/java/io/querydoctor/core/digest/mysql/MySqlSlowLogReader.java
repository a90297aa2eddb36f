package io.querydoctor.core.digest.mysql;

import static io.querydoctor.core.digest.LineBytes.ascii;
import static io.querydoctor.core.digest.LineBytes.startsWith;

import io.querydoctor.core.digest.LineBytes;
import io.querydoctor.core.digest.LineReader;
import io.querydoctor.core.digest.LogReader;
import io.querydoctor.core.digest.LogStatement;
import io.querydoctor.core.digest.ParseProblems;
import io.querydoctor.core.digest.RecentText;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * MySQL and MariaDB slow query logs ({@code slow_query_log = 1}).
 *
 * <p>Design note. An entry is a block of {@code # } header lines followed by statement lines; a new entry
 * starts at {@code # Time:} or {@code # User@Host:} once the current one has statement text (MySQL omits
 * {@code # Time} when it did not change). Headers understood: {@code # Time} (MySQL 5.7+ ISO-8601, MySQL 5.6
 * and MariaDB {@code yymmdd h:mm:ss}, taken as UTC), {@code # User@Host}, MariaDB's
 * {@code # Thread_id … Schema:}, and {@code # Query_time … Lock_time … Rows_sent … Rows_examined}; other
 * {@code #} lines (Rows_affected, explain, …) are ignored. Before the statement, {@code use db;} sets the
 * database and {@code SET timestamp=N;} the time (preferred over {@code # Time}: it is zone-free). What
 * remains is the statement, several lines and several statements possibly; it is digested as one, as
 * pt-query-digest does. The server's start-up banner is ignored; {@code # administrator command} entries are
 * not statements and are dropped. An entry without {@code # Query_time} or without a statement is counted
 * as skipped. Header lines are parsed as bytes; only statement text is decoded.
 */
public final class MySqlSlowLogReader implements LogReader {

  private static final byte[] TIME = ascii("# Time:");
  private static final byte[] USER_HOST = ascii("# User@Host:");
  private static final byte[] QUERY_TIME = ascii("# Query_time:");
  private static final byte[] THREAD_ID = ascii("# Thread_id:");
  private static final byte[] SCHEMA = ascii("Schema:");
  private static final byte[] LOCK_TIME = ascii("Lock_time:");
  private static final byte[] ROWS_SENT = ascii("Rows_sent:");
  private static final byte[] ROWS_EXAMINED = ascii("Rows_examined:");
  private static final byte[][] USUAL_ORDER = {LOCK_TIME, ROWS_SENT, ROWS_EXAMINED};
  private static final byte[] ADMIN = ascii("# administrator command:");
  private static final byte[] USE = ascii("use ");
  private static final byte[] SET_TIMESTAMP = ascii("SET timestamp=");
  private static final byte[] VERSION = ascii(", Version: ");
  private static final byte[] TCP_PORT = ascii("Tcp port:");
  private static final byte[] BANNER_TIME = ascii("Time");
  private static final byte[] BANNER_COLUMNS = ascii("Id Command");

  static final String NO_QUERY_TIME = "entries without # Query_time";
  static final String NO_STATEMENT = "entries without a statement";
  static final String BAD_HEADER = "unreadable # Query_time headers";
  static final String NOT_UTF8 = "entries with non-UTF-8 bytes";

  private final List<byte[]> contextLines;

  public MySqlSlowLogReader() {
    this(List.of());
  }

  private MySqlSlowLogReader(List<byte[]> contextLines) {
    this.contextLines = contextLines;
  }

  /**
   * A reader for a part of a slow log that starts at an entry: {@code contextLines} are the last {@code use db;}
   * (or {@code # Thread_id: … Schema:}) line and the last {@code # Time:} line before it, whose database and
   * time the part's first entries inherit.
   */
  public static MySqlSlowLogReader continuing(List<byte[]> contextLines) {
    return new MySqlSlowLogReader(List.copyOf(contextLines));
  }

  /** Whether {@code b[from, to)} sets the database later entries inherit (a non-empty one). */
  public static boolean setsDatabase(byte[] b, int from, int to) {
    if (startsWith(b, from, to, USE)) {
      return to > from && b[to - 1] == ';';
    }
    if (startsWith(b, from, to, THREAD_ID)) {
      int schema = LineBytes.indexOf(b, from, to, SCHEMA);
      return schema >= 0 && isSchemaName(b, LineBytes.skipBlanks(b, schema + SCHEMA.length, to), to);
    }
    return false;
  }

  /** A schema name starts at {@code from}: MariaDB writes {@code Schema:   QC_hit: No} when there is none. */
  private static boolean isSchemaName(byte[] b, int from, int to) {
    int end = from;
    while (end < to && b[end] != ' ' && b[end] != '\t') {
      end++;
    }
    return end > from && b[end - 1] != ':';
  }

  /** Whether {@code b[from, to)} is a {@code # Time:} header. */
  public static boolean isTimeHeader(byte[] b, int from, int to) {
    return startsWith(b, from, to, TIME);
  }

  /** Whether {@code b[from, to)} is a header that can start an entry ({@code # Time:}, {@code # User@Host:}). */
  public static boolean startsEntry(byte[] b, int from, int to) {
    return startsWith(b, from, to, TIME) || startsWith(b, from, to, USER_HOST);
  }

  @Override
  public Stream<LogStatement> read(LineReader lines) {
    Entry entry = new Entry();
    for (byte[] line : contextLines) {
      if (!preamble(line, 0, line.length, entry)) {
        header(null, line, 0, line.length, entry);
      }
    }
    entry.inherit();
    return LogReader.lazy(() -> next(lines, entry));
  }

  private static LogStatement next(LineReader lines, Entry entry) {
    while (lines.next()) {
      byte[] b = lines.bytes();
      int from = lines.start();
      int to = lines.end();
      if (to > from && b[from] == '#') {
        if ((startsWith(b, from, to, TIME) || startsWith(b, from, to, USER_HOST)) && entry.boundary()) {
          lines.pushBack();
          LogStatement done = entry.finish(lines.problems());
          if (done != null) {
            return done;
          }
          continue;
        }
        header(lines, b, from, to, entry);
      } else if (!entry.hasText() && !entry.bad && preamble(b, from, to, entry)) {
        continue;
      } else if (isBanner(b, from, to)) {
        continue;
      } else if (to > from || entry.hasText()) {
        entry.startLine(lines.number());
        String text = lines.decode(b, from, to);
        if (text == null) {
          entry.bad = true;
        } else if (!entry.bad) {
          entry.addLine(text);
        }
      }
    }
    lines.problems().linesRead(lines.number());
    return entry.started() ? entry.finish(lines.problems()) : null;
  }

  private static void header(LineReader lines, byte[] b, int from, int to, Entry entry) {
    if (lines != null) {
      entry.startLine(lines.number());
    }
    if (startsWith(b, from, to, TIME)) {
      entry.headerTime = entry.time(b, from + TIME.length, to);
      entry.hasHeaders = true;
    } else if (startsWith(b, from, to, USER_HOST)) {
      userHost(b, from + USER_HOST.length, to, entry);
      entry.hasUserHost = true;
      entry.hasHeaders = true;
    } else if (startsWith(b, from, to, QUERY_TIME)) {
      queryTime(b, from, to, entry);
      entry.hasHeaders = true;
    } else if (startsWith(b, from, to, THREAD_ID)) {
      int schema = schemaField(b, from, to);
      if (schema >= 0) {
        int name = LineBytes.skipBlanks(b, schema + SCHEMA.length, to);
        if (isSchemaName(b, name, to)) {
          entry.database = token(b, name, to, entry.schemaText);
        }
      }
    } else if (startsWith(b, from, to, ADMIN)) {
      entry.admin = true;
    }
  }

  /** Where {@code Schema:} is: straight after the thread id as MariaDB writes it, else searched for; or -1. */
  private static int schemaField(byte[] b, int from, int to) {
    int id = LineBytes.skipBlanks(b, from + THREAD_ID.length, to);
    int after = LineBytes.skipBlanks(b, LineBytes.endOfNumber(b, id, to), to);
    return startsWith(b, after, to, SCHEMA) ? after : LineBytes.indexOf(b, from, to, SCHEMA);
  }

  /** {@code use db;} and {@code SET timestamp=N;} before the statement; true if the line was one. */
  private static boolean preamble(byte[] b, int from, int to, Entry entry) {
    if (startsWith(b, from, to, USE) && to > from && b[to - 1] == ';') {
      entry.database = entry.useText.decode(b, from + USE.length, to - 1).strip().replace("`", "");
      return true;
    }
    if (startsWith(b, from, to, SET_TIMESTAMP)) {
      int start = from + SET_TIMESTAMP.length;
      int end = LineBytes.endOfNumber(b, start, to);
      double seconds = LineBytes.parseDecimal(b, start, end);
      if (!Double.isNaN(seconds) && end < to && b[end] == ';' && end + 1 == to) {
        entry.setTimestamp = Instant.ofEpochMilli(Math.round(seconds * 1000));
        return true;
      }
    }
    return false;
  }

  private static boolean isBanner(byte[] b, int from, int to) {
    return LineBytes.indexOf(b, from, to, VERSION) >= 0 && LineBytes.indexOf(b, from, to, ascii("started with")) >= 0
        || startsWith(b, from, to, TCP_PORT)
        || startsWith(b, from, to, BANNER_TIME) && LineBytes.indexOf(b, from, to, BANNER_COLUMNS) > 0;
  }

  private static void queryTime(byte[] b, int from, int to, Entry entry) {
    double query = number(b, from + QUERY_TIME.length, to);
    if (Double.isNaN(query)) {
      entry.bad = true;
      entry.badReason = BAD_HEADER;
      return;
    }
    entry.queryMillis = query * 1000;
    if (!inUsualOrder(b, from + QUERY_TIME.length, to, entry)) {
      anyOrder(b, from, to, entry);
    }
  }

  /**
   * The fields after {@code # Query_time: N} in the order every server writes them ({@code Lock_time},
   * {@code Rows_sent}, {@code Rows_examined}), read in one pass; false (nothing set) when the line differs.
   */
  private static boolean inUsualOrder(byte[] b, int from, int to, Entry entry) {
    int at = LineBytes.endOfNumber(b, LineBytes.skipBlanks(b, from, to), to);
    double lock = Double.NaN;
    double sent = Double.NaN;
    double examined = Double.NaN;
    for (byte[] name : USUAL_ORDER) {
      at = LineBytes.skipBlanks(b, at, to);
      if (!startsWith(b, at, to, name)) {
        return false;
      }
      int start = LineBytes.skipBlanks(b, at + name.length, to);
      at = LineBytes.endOfNumber(b, start, to);
      double value = at == start ? Double.NaN : LineBytes.parseDecimal(b, start, at);
      if (name == LOCK_TIME) {
        lock = value;
      } else if (name == ROWS_SENT) {
        sent = value;
      } else {
        examined = value;
      }
    }
    entry.lockMillis = lock * 1000;
    entry.rowsSent = (long) sent;
    entry.rowsExamined = (long) examined;
    return true;
  }

  private static void anyOrder(byte[] b, int from, int to, Entry entry) {
    int lock = LineBytes.indexOf(b, from, to, LOCK_TIME);
    entry.lockMillis = lock < 0 ? -1 : number(b, lock + LOCK_TIME.length, to) * 1000;
    int sent = LineBytes.indexOf(b, from, to, ROWS_SENT);
    entry.rowsSent = sent < 0 ? -1 : (long) number(b, sent + ROWS_SENT.length, to);
    int examined = LineBytes.indexOf(b, from, to, ROWS_EXAMINED);
    entry.rowsExamined = examined < 0 ? -1 : (long) number(b, examined + ROWS_EXAMINED.length, to);
  }

  /** {@code user[user] @ host [ip]  Id: 8}: the user before the bracket, the ip if any, else the host. */
  private static void userHost(byte[] b, int from, int to, Entry entry) {
    int start = LineBytes.skipBlanks(b, from, to);
    int bracket = LineBytes.indexOf(b, start, to, (byte) '[');
    int at = LineBytes.indexOf(b, start, to, (byte) '@');
    if (bracket > start) {
      entry.user = entry.userText.decode(b, start, bracket).strip();
    }
    if (at >= 0) {
      int hostStart = LineBytes.skipBlanks(b, at + 1, to);
      String host = token(b, hostStart, to, entry.hostText);
      int ipOpen = LineBytes.indexOf(b, hostStart, to, (byte) '[');
      int ipClose = ipOpen < 0 ? -1 : LineBytes.indexOf(b, ipOpen, to, (byte) ']');
      String ip = ipClose > ipOpen + 1 ? entry.ipText.decode(b, ipOpen + 1, ipClose) : "";
      entry.client = !ip.isEmpty() ? ip : host.startsWith("[") ? null : host;
    }
  }

  private static double number(byte[] b, int from, int to) {
    int start = LineBytes.skipBlanks(b, from, to);
    int end = LineBytes.endOfNumber(b, start, to);
    return end == start ? Double.NaN : LineBytes.parseDecimal(b, start, end);
  }

  private static String token(byte[] b, int from, int to, RecentText recent) {
    int end = from;
    while (end < to && b[end] != ' ' && b[end] != '\t') {
      end++;
    }
    return recent.decode(b, from, end);
  }

  /** The entry being assembled; reset after each one. */
  private static final class Entry {
    final StringBuilder sql = new StringBuilder();
    /** The statement's only line so far (most entries have one): kept as is, copied into sql at a second. */
    private String firstLine;
    // Decoded once per distinct value: most entries repeat the user, host, schema and time of the one before.
    final RecentText userText = new RecentText();
    final RecentText hostText = new RecentText();
    final RecentText ipText = new RecentText();
    final RecentText schemaText = new RecentText();
    final RecentText useText = new RecentText();
    final RecentText timeText = new RecentText();
    private String lastTimeText;
    private Instant lastTimeValue;
    long firstLineNumber = -1;
    boolean hasHeaders;
    boolean hasUserHost;
    boolean bad;
    boolean admin;
    String badReason;
    Instant headerTime;
    Instant setTimestamp;
    Instant lastTime;
    double queryMillis = -1;
    double lockMillis = -1;
    long rowsSent = -1;
    long rowsExamined = -1;
    String user;
    String client;
    String database;
    String lastDatabase;

    /** A {@code # Time:} value, parsed only when it differs from the previous one (MySQL repeats it). */
    Instant time(byte[] b, int from, int to) {
      String text = timeText.decode(b, from, to);
      if (text != lastTimeText) {
        lastTimeText = text;
        lastTimeValue = MySqlTimes.parse(text);
      }
      return lastTimeValue;
    }

    /** Takes the database and time read from context lines as the inherited ones, and starts afresh. */
    void inherit() {
      lastDatabase = database;
      lastTime = headerTime;
      reset();
    }

    void startLine(long line) {
      if (firstLineNumber < 0) {
        firstLineNumber = line;
      }
    }

    boolean started() {
      return firstLineNumber >= 0;
    }

    /** A {@code # Time}/{@code # User@Host} line starts a new entry when this one has a statement or a user. */
    boolean boundary() {
      return hasText() || hasUserHost || queryMillis >= 0;
    }

    LogStatement finish(ParseProblems problems) {
      LogStatement result = null;
      String text = statementText();
      // The database and time carry over: MySQL writes `use` and `# Time` only when they change.
      String db = database != null ? database : lastDatabase;
      Instant at = setTimestamp != null ? setTimestamp : headerTime != null ? headerTime : lastTime;
      if (bad) {
        problems.skip(firstLineNumber, badReason != null ? badReason : NOT_UTF8);
      } else if (admin) {
        // administrator commands (Quit, Ping, …) are protocol events, not statements
      } else if (queryMillis < 0) {
        problems.skip(firstLineNumber, NO_QUERY_TIME);
      } else if (text.isEmpty()) {
        problems.skip(firstLineNumber, NO_STATEMENT);
      } else {
        problems.statement();
        result = new LogStatement(at, queryMillis, text, db, user, null, client, rowsSent, rowsExamined,
            lockMillis);
      }
      lastDatabase = db;
      lastTime = headerTime != null ? headerTime : lastTime;
      reset();
      return result;
    }

    boolean hasText() {
      return firstLine != null || sql.length() > 0;
    }

    void addLine(String text) {
      if (firstLine == null && sql.length() == 0) {
        firstLine = text;
        return;
      }
      if (firstLine != null) {
        sql.append(firstLine);
        firstLine = null;
      }
      sql.append('\n').append(text);
    }

    /** The statement without surrounding blanks and its final {@code ;}, trimmed in place: one copy. */
    private String statementText() {
      CharSequence text = firstLine != null ? firstLine : sql;
      int end = text.length();
      while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      if (end > 0 && text.charAt(end - 1) == ';') {
        end--;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
          end--;
        }
      }
      int start = 0;
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      return firstLine != null ? firstLine.substring(start, end) : sql.substring(start, end);
    }

    private void reset() {
      sql.setLength(0);
      firstLine = null;
      firstLineNumber = -1;
      hasHeaders = false;
      hasUserHost = false;
      bad = false;
      admin = false;
      badReason = null;
      headerTime = null;
      setTimestamp = null;
      queryMillis = -1;
      lockMillis = -1;
      rowsSent = -1;
      rowsExamined = -1;
      user = null;
      client = null;
      database = null;
    }
  }
}
