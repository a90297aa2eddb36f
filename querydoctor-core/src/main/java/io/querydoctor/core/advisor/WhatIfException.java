package io.querydoctor.core.advisor;

/** A what-if evaluation failed (the database refused a statement or an index); the message is one line. */
public final class WhatIfException extends Exception {

  public WhatIfException(String message, Throwable cause) {
    super(message, cause);
  }
}
