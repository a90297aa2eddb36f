package io.querydoctor.core.digest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The log formats {@code querydoctor digest} reads ({@code --log-format}), and detection from a file's head. */
public enum LogFormat {
  PG_STDERR("pg-stderr"),
  PG_CSV("pg-csv"),
  PG_JSON("pg-json"),
  MYSQL_SLOW("mysql-slow"),
  /** Not a log: a {@code pg_stat_statements} export ({@code \copy (SELECT * FROM pg_stat_statements) TO … CSV HEADER}). */
  PGSS_CSV("pgss-csv");

  private final String id;

  LogFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Parses an id ({@code pg-stderr}, …); throws naming the allowed values. */
  public static LogFormat parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (LogFormat format : values()) {
      if (format.id.equals(wanted)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown log format '" + text + "' (expected auto, pg-stderr, pg-csv, pg-json, mysql-slow or pgss-csv)");
  }

  /**
   * Guesses the format from the first bytes of a (decompressed) file: a JSON object per line is jsonlog,
   * {@code # Query_time}/{@code # User@Host}/{@code # Time} headers are a slow log, a timestamp followed by a
   * comma is csvlog, a CSV header naming {@code query}, {@code calls} and {@code total_exec_time}/{@code total_time}
   * is a pg_stat_statements export, anything else is treated as stderr.
   */
  public static LogFormat detect(byte[] head, int length) {
    String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
    String firstLine = text.lines().findFirst().orElse("");
    java.util.List<String> header = java.util.Arrays.asList(firstLine.strip().split(","));
    if (header.contains("query") && header.contains("calls")
        && (header.contains("total_exec_time") || header.contains("total_time"))) {
      return PGSS_CSV;
    }
    if (text.contains("# Query_time:") || text.contains("# User@Host:") || text.startsWith("# Time:")
        || text.contains("\n# Time:")) {
      return MYSQL_SLOW;
    }
    for (String line : text.split("\n", 20)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.startsWith("{\"timestamp\"") || trimmed.startsWith("{")) {
        return PG_JSON;
      }
      if (trimmed.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? [^ ,]+,.*")) {
        return PG_CSV;
      }
      return PG_STDERR;
    }
    return PG_STDERR;
  }
}
