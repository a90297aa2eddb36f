package io.querydoctor.core.sql;

/**
 * Collects the {@link StatementShape} while the fingerprinter scans: the statement kind from its leading
 * keyword (for {@code WITH}, the first DML keyword at the top level), {@code LIMIT}/{@code FETCH} and
 * {@code OFFSET} at the top level, row-locking clauses, and the number of bind markers.
 */
final class ShapeReader {

  private StatementKind kind;
  private boolean withPending;
  private boolean limited;
  private boolean locks;
  private long offsetLiteral = -1;
  private int offsetParameter;
  private boolean expectOffset;
  private int depth;
  private int positional;
  private int highestNumbered;

  void keyword(String keyword, String previous) {
    if (expectOffset) {
      expectOffset = false;
    }
    if (kind == null) {
      if (keyword.equals("WITH")) {
        withPending = true;
        kind = StatementKind.OTHER;
      } else {
        kind = kindOf(keyword);
      }
    } else if (withPending && depth == 0 && kindOf(keyword) != StatementKind.OTHER) {
      kind = kindOf(keyword);
      withPending = false;
    }
    if (depth == 0 && (keyword.equals("LIMIT") || keyword.equals("FETCH"))) {
      limited = true;
    }
    if (depth == 0 && keyword.equals("OFFSET")) {
      expectOffset = true;
    }
    if ("FOR".equals(previous) && (keyword.equals("UPDATE") || keyword.equals("SHARE") || keyword.equals("NO")
        || keyword.equals("KEY"))) {
      locks = true;
    }
    if ("LOCK".equals(previous) && keyword.equals("IN")) {
      locks = true;
    }
  }

  private static StatementKind kindOf(String keyword) {
    return switch (keyword) {
      case "SELECT", "VALUES", "TABLE", "SHOW" -> StatementKind.SELECT;
      case "INSERT" -> StatementKind.INSERT;
      case "UPDATE" -> StatementKind.UPDATE;
      case "DELETE" -> StatementKind.DELETE;
      case "MERGE", "REPLACE" -> StatementKind.MERGE;
      default -> StatementKind.OTHER;
    };
  }

  void open() {
    depth++;
    other();
  }

  void close() {
    depth = Math.max(0, depth - 1);
    other();
  }

  void other() {
    if (kind == null) {
      kind = StatementKind.OTHER;
    }
    expectOffset = false;
  }

  void numberLiteral(char[] s, int start, int end) {
    if (expectOffset) {
      offsetLiteral = parseCount(s, start, end);
    }
  }

  void literal() {
    other();
  }

  int nextPositional() {
    return ++positional;
  }

  int numbered(int n) {
    highestNumbered = Math.max(highestNumbered, n);
    return n;
  }

  void parameter(int index) {
    if (expectOffset) {
      offsetParameter = index;
    }
    other();
  }

  private static long parseCount(char[] s, int start, int end) {
    long value = 0;
    for (int i = start; i < end; i++) {
      if (!SqlLexemes.isDigit(s[i]) || value > Long.MAX_VALUE / 10 - 10) {
        return -1;
      }
      value = value * 10 + (s[i] - '0');
    }
    return value;
  }

  StatementShape shape() {
    StatementKind k = kind == null ? StatementKind.OTHER : kind;
    return new StatementShape(k, limited, offsetLiteral, offsetParameter, locks || k.writes(),
        Math.max(positional, highestNumbered));
  }
}
