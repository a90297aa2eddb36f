package io.querydoctor.postgres.log;

import io.querydoctor.core.digest.LogFormat;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Finds the server's current log through SQL and copies a bounded recent window of it into a local file, so
 * that {@code diagnose --url} gets what {@code --log FILE} gives (statements with their literal values,
 * auto_explain plans with actual rows, temp-file and lock-wait lines) without being asked.
 *
 * <p>Design note: only read-only functions, through {@link SafeExecutor}. The file is located with
 * {@code pg_current_logfile()} (csvlog, then jsonlog, then stderr: the structured formats are unambiguous),
 * else as the newest file of {@code pg_ls_logdir()}; its size comes from {@code pg_stat_file()} or
 * {@code pg_ls_logdir()}; the last {@code maxBytes} are read with {@code pg_read_binary_file()} in
 * {@value #CHUNK_BYTES}-byte chunks (each well inside the statement timeout), starting at the first whole
 * record. What the role may not do becomes {@link Unavailable} with the grant or flag that gives it, never an
 * error: a diagnosis without the log is still a diagnosis.
 */
public final class ServerLogLocator {

  /** Default window: the last 16 MiB of the current file. */
  public static final long DEFAULT_MAX_BYTES = 16L << 20;

  private static final int CHUNK_BYTES = 4 << 20;

  /** Where the first whole record starts is looked for within this many bytes of a window's start. */
  private static final int RECORD_SEARCH_BYTES = 1 << 16;

  /** Through pg_settings: it hides what the role may not read (log_directory) instead of failing. */
  private static final String PRIVILEGES = """
      SELECT current_setting('is_superuser') = 'on',
             has_function_privilege('pg_current_logfile(text)', 'EXECUTE'),
             has_function_privilege('pg_ls_logdir()', 'EXECUTE'),
             has_function_privilege('pg_stat_file(text, boolean)', 'EXECUTE'),
             has_function_privilege('pg_read_binary_file(text, bigint, bigint, boolean)', 'EXECUTE'),
             (SELECT setting FROM pg_settings WHERE name = 'logging_collector') IS DISTINCT FROM 'off',
             coalesce((SELECT setting FROM pg_settings WHERE name = 'log_directory'), '(hidden)'),
             (SELECT setting FROM pg_settings WHERE name = 'log_line_prefix'),
             current_user
      """;

  private record Privileges(boolean superuser, boolean currentLogfile, boolean lsLogdir, boolean statFile,
      boolean readFile, boolean collector, String logDirectory, String prefix, String user) {}

  /**
   * The log's window, copied.
   *
   * @param copy the local file holding the window
   * @param format the log's format
   * @param prefix the server's {@code log_line_prefix}, for stderr logs
   * @param serverPath the file on the server, as PostgreSQL names it
   * @param bytesRead the window's size
   * @param fileSize the whole file's size when it was read
   */
  public record ServerLog(Path copy, LogFormat format, String prefix, String serverPath, long bytesRead,
      long fileSize) {

    /** One line for the progress and the report: which file, how much of it. */
    public String describe() {
      return serverPath + (bytesRead < fileSize ? " (its last " + bytesRead + " of " + fileSize + " bytes)"
          : " (" + fileSize + " bytes)");
    }
  }

  /** The log cannot be read by this role or on this server; the message says what would make it readable. */
  public static final class Unavailable extends Exception {
    public Unavailable(String message) {
      super(message);
    }
  }

  private final SafeExecutor executor;
  private final long maxBytes;

  public ServerLogLocator(SafeExecutor executor, long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("the server log window must be at least one byte, got " + maxBytes);
    }
    this.executor = executor;
    this.maxBytes = maxBytes;
  }

  /**
   * Copies the last {@code maxBytes} of the current log into a new file in {@code folder}.
   *
   * @throws Unavailable when the role may not read the log, or the server has no log file to read
   */
  public ServerLog fetch(Path folder) throws Unavailable, SQLException, IOException {
    Privileges p = executor.queryOne(PRIVILEGES, rs -> new Privileges(rs.getBoolean(1), rs.getBoolean(2),
        rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getString(7), rs.getString(8),
        rs.getString(9)));
    if (!p.collector()) {
      throw new Unavailable("the server has no log file to read: logging_collector is off, so its log goes to "
          + "its standard error, which no SQL function can read; pass that log with --log FILE");
    }
    boolean canLocate = p.superuser() || p.currentLogfile() || p.lsLogdir();
    boolean canSize = p.superuser() || p.statFile() || p.lsLogdir();
    if (!canLocate || !canSize || !(p.superuser() || p.readFile())) {
      throw new Unavailable(grantsNeeded(p));
    }
    String[] located = locate(p);
    LogFormat format = formatOf(located[0]);
    String path = located[0];
    long size = Long.parseLong(located[1]);
    long start = Math.max(0, size - maxBytes);
    Path copy = Files.createTempFile(folder, "querydoctor-server-log-", extension(format));
    try (OutputStream out = Files.newOutputStream(copy)) {
      long offset = start;
      boolean first = start > 0;
      while (offset < size) {
        byte[] chunk = read(path, offset, (int) Math.min(CHUNK_BYTES, size - offset), p);
        if (chunk.length == 0) {
          break;
        }
        int from = first ? firstRecord(chunk, format) : 0;
        first = false;
        out.write(chunk, from, chunk.length - from);
        offset += chunk.length;
      }
    }
    return new ServerLog(copy, format, p.prefix(), path, Math.min(size, maxBytes), size);
  }

  private static String grantsNeeded(Privileges p) {
    return "the server log is not readable by role " + p.user() + ": GRANT pg_monitor TO " + p.user()
        + " (to find the log file) and GRANT EXECUTE ON FUNCTION pg_read_binary_file(text, bigint, bigint, boolean) "
        + "TO " + p.user() + " (to read it; also GRANT pg_read_server_files TO " + p.user() + " when log_directory '"
        + p.logDirectory() + "' is outside the data directory), or pass the log with --log FILE";
  }

  /** The current file's path and size. */
  private String[] locate(Privileges p) throws SQLException, Unavailable {
    String path = null;
    if (p.superuser() || p.currentLogfile()) {
      List<String> formats = executor.serverMajorVersion() >= 15
          ? List.of("csvlog", "jsonlog", "stderr") : List.of("csvlog", "stderr");
      for (String format : formats) {
        path = executor.queryOne("SELECT pg_current_logfile(?)", rs -> rs.getString(1), format);
        if (path != null) {
          break;
        }
      }
    }
    if (p.superuser() || p.statFile()) {
      if (path == null) {
        throw new Unavailable("the logging collector has no current log file (pg_current_logfile() is empty)");
      }
      String file = path;
      long size = executor.queryOne("SELECT (pg_stat_file(?, true)).size", rs -> rs.getLong(1), file);
      return new String[] {path, Long.toString(size)};
    }
    // pg_monitor without pg_stat_file: the newest file of the log directory, with its size.
    List<String[]> newest = executor.query("SELECT name, size FROM pg_ls_logdir() "
        + (path == null ? "" : "WHERE ? LIKE '%' || name ") + "ORDER BY modification DESC LIMIT 1",
        rs -> new String[] {rs.getString(1), Long.toString(rs.getLong(2))},
        path == null ? new Object[0] : new Object[] {path});
    if (newest.isEmpty()) {
      throw new Unavailable("the log directory '" + p.logDirectory() + "' holds no log file");
    }
    String name = path != null ? path : p.logDirectory() + "/" + newest.get(0)[0];
    return new String[] {name, newest.get(0)[1]};
  }

  private byte[] read(String path, long offset, int length, Privileges p) throws SQLException, Unavailable {
    try {
      byte[] bytes = executor.queryOne("SELECT pg_read_binary_file(?, ?, ?, true)", rs -> rs.getBytes(1), path,
          offset, (long) length);
      return bytes == null ? new byte[0] : bytes;
    } catch (SQLException e) {
      if ("42501".equals(e.getSQLState())) {
        throw new Unavailable("the server refused to read its log " + path + " for role " + p.user() + " ("
            + io.querydoctor.postgres.connect.ConnectionErrors.firstLine(e.getMessage()) + "): GRANT "
            + "pg_read_server_files TO " + p.user() + ", or pass the log with --log FILE");
      }
      throw e;
    }
  }

  /**
   * Where the first whole record of a window that starts mid-file begins: after the cut line, at the first line
   * that starts with a digit (the timestamp every csvlog record and the usual stderr prefixes start with) or,
   * for jsonlog (one record per line), right after it.
   */
  static int firstRecord(byte[] chunk, LogFormat format) {
    int limit = Math.min(chunk.length, RECORD_SEARCH_BYTES);
    int firstNewline = -1;
    for (int i = 0; i < limit; i++) {
      if (chunk[i] != '\n') {
        continue;
      }
      if (firstNewline < 0) {
        firstNewline = i;
        if (format == LogFormat.PG_JSON) {
          return i + 1;
        }
      }
      if (i + 1 < chunk.length && chunk[i + 1] >= '0' && chunk[i + 1] <= '9') {
        return i + 1;
      }
    }
    return firstNewline < 0 ? 0 : firstNewline + 1;
  }

  static LogFormat formatOf(String path) {
    if (path.endsWith(".csv")) {
      return LogFormat.PG_CSV;
    }
    return path.endsWith(".json") ? LogFormat.PG_JSON : LogFormat.PG_STDERR;
  }

  private static String extension(LogFormat format) {
    return switch (format) {
      case PG_CSV -> ".csv";
      case PG_JSON -> ".json";
      default -> ".log";
    };
  }
}
