package io.querydoctor.core.capture;

/**
 * A plug-in of the capture pipeline (datasource-proxy's {@code QueryExecutionListener} shape): the
 * aggregate, the detectors, the slow-query log and the capture file are all listeners, and so are a user's.
 *
 * <p>Contract: methods are called synchronously on the application thread that ran the statement or closed
 * the scope, possibly from many threads at once, so implementations must be thread-safe and fast. An
 * exception thrown by a listener is logged and swallowed by the pipeline; it never reaches the application
 * and never stops the other listeners.
 */
public interface CaptureListener {

  /** After every statement or batch, once its elapsed time (and row count, when counting) is known. */
  default void statementExecuted(StatementEvent event) {}

  /** After a scope closes, with everything it recorded. Nested scopes close before their parents. */
  default void scopeClosed(ScopeRecord scope) {}

  /** When the session closes: flush and release resources. */
  default void sessionClosed() {}
}
