package io.querydoctor.postgres.plan;

/** The input is not an EXPLAIN plan (JSON or text format); the message says what is wrong in one line. */
public class PlanFormatException extends IllegalArgumentException {

  public PlanFormatException(String message) {
    super(message);
  }

  public PlanFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
