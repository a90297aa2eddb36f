package io.querydoctor.demo.server;

/** The embedded server could not start, stop or create a database; the message says which binary, where and why. */
public final class EmbeddedServerException extends RuntimeException {

  public EmbeddedServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
