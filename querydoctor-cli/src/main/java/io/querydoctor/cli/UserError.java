package io.querydoctor.cli;

/**
 * A problem with what the user asked for or pointed at (a bad URL, an unwritable file). Shown as one line,
 * exit code 2, no stack trace unless --verbose.
 */
public final class UserError extends RuntimeException {

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
