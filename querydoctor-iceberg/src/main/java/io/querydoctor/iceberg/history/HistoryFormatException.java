package io.querydoctor.iceberg.history;

/** A query-history file that cannot be read as documented (docs/iceberg.md): names the file and line. */
public final class HistoryFormatException extends RuntimeException {

  public HistoryFormatException(String message) {
    super(message);
  }

  public HistoryFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
