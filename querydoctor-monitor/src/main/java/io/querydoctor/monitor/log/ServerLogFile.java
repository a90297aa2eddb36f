package io.querydoctor.monitor.log;

import io.querydoctor.monitor.sample.MonitoredTarget;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;

/**
 * {@code --log auto}: the server's current log file ({@code pg_current_logfile()}), read through SQL with
 * {@code pg_read_binary_file(path, offset, length)} from where the previous read stopped, through the same
 * read-only executor as sampling. Needs the logging collector, and a role allowed to call those functions (a
 * superuser, or {@code pg_monitor} plus EXECUTE on {@code pg_read_binary_file}); without them each read fails
 * with the reason and the percentiles stay estimates. A new current file (rotation) is read from its start.
 */
public final class ServerLogFile implements LogSource {

  private static final String CURRENT = """
      SELECT f.path, (pg_stat_file(f.path, true)).size
        FROM (SELECT coalesce(pg_current_logfile('csvlog'), pg_current_logfile('stderr')) AS path) f
      """;

  private String path;
  private long offset = -1;

  @Override
  public byte[] readNew(MonitoredTarget target, int maxBytes) throws Exception {
    SafeExecutor executor = target.executor();
    Object[] current = executor.queryOne(CURRENT, rs -> new Object[] {rs.getString(1), rs.getLong(2)});
    String currentPath = (String) current[0];
    if (currentPath == null) {
      throw new SQLException("the server has no current log file (logging_collector is off): --log auto needs "
          + "it, or give the log with --log FILE");
    }
    long size = (Long) current[1];
    if (offset < 0) {
      path = currentPath;
      offset = size;
      return new byte[0];
    }
    if (!currentPath.equals(path) || size < offset) {
      path = currentPath;
      offset = 0;
    }
    long length = Math.min(maxBytes, size - offset);
    if (length <= 0) {
      return new byte[0];
    }
    byte[] bytes = executor.queryOne("SELECT pg_read_binary_file(?, ?, ?, true)", rs -> rs.getBytes(1), path,
        offset, length);
    bytes = bytes == null ? new byte[0] : bytes;
    offset += bytes.length;
    return bytes;
  }

  /** The format of the file being read, from its name (csvlog files end in .csv). */
  boolean isCsv() {
    return path != null && path.endsWith(".csv");
  }

  @Override
  public String describe() {
    return "the server's current log file" + (path == null ? "" : " (" + path + ")");
  }
}
