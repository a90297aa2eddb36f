package io.querydoctor.core.engine;

/**
 * A database could not be reached or used, or is not one QueryDoctor supports. The message is one line a user
 * can act on ("authentication failed for user app at db.example:3306"); it never contains a password. The CLI
 * prints it and exits with 2, without a stack trace.
 */
public class EngineFailure extends Exception {

  public EngineFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public EngineFailure(String message) {
    super(message);
  }
}
