package io.querydoctor.postgres.connect;

import io.querydoctor.core.engine.EngineFailure;

/**
 * The target database could not be reached or used. The message is one line a user can act on
 * ("authentication failed for user app at db.example:5432"); it never contains a password.
 */
public final class ConnectionFailure extends EngineFailure {

  public ConnectionFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public ConnectionFailure(String message) {
    super(message);
  }
}
