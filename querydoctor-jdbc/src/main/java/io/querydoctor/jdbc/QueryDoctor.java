package io.querydoctor.jdbc;

import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.detect.ScopeAssert;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * The application's entry point to capture.
 *
 * <pre>{@code
 * DataSource ds = QueryDoctor.wrap(hikari);                       // or URL jdbc:querydoctor:postgresql://…
 * try (Scope scope = QueryDoctor.scope("GET /users")) { … }       // a unit of work
 * QueryDoctor.session().findings();                              // n-plus-one, slow-query, … per scope name
 * QueryDoctor.session().findings("GET /users");                   // one scope name's findings; reset() forgets
 * CompletableFuture.supplyAsync(work, QueryDoctor.propagate(pool)); // the work counts in the caller's scope
 * QueryDoctor.assertThat(scope).hasAtMostStatements(3).hasNoNPlusOne();   // in tests
 * }</pre>
 *
 * <p>The JVM-wide session is created on first use with {@link CaptureOptions#defaults()}; the system property
 * {@code querydoctor.captureFile} makes it also write a capture file (read later by
 * {@code querydoctor diagnose --capture FILE}). {@link #install} replaces it with a configured one.
 */
public final class QueryDoctor {

  private static volatile CaptureSession session;

  private QueryDoctor() {}

  /** The JVM-wide session used by the driver and by {@link #wrap(DataSource)}. */
  public static CaptureSession session() {
    CaptureSession current = session;
    if (current == null) {
      synchronized (QueryDoctor.class) {
        current = session;
        if (current == null) {
          current = CaptureSession.start(defaultOptions());
          Runtime.getRuntime().addShutdownHook(new Thread(current::close, "querydoctor-shutdown"));
          session = current;
        }
      }
    }
    return current;
  }

  private static CaptureOptions defaultOptions() {
    String file = System.getProperty("querydoctor.captureFile");
    CaptureOptions.Builder options = CaptureOptions.builder();
    if (file != null && !file.isBlank()) {
      options.captureFile(Path.of(file));
    }
    return options.build();
  }

  /** Makes {@code replacement} the JVM-wide session; returns the previous one (the caller may close it). */
  public static synchronized CaptureSession install(CaptureSession replacement) {
    CaptureSession previous = session;
    session = Objects.requireNonNull(replacement, "replacement");
    return previous;
  }

  /** Opens a scope on the calling thread in the JVM-wide session. */
  public static Scope scope(String name) {
    return session().scope(name);
  }

  /**
   * {@code executor} made to run each task inside the scope current on the thread that hands it over, in the
   * JVM-wide session: {@code CompletableFuture.supplyAsync(work, QueryDoctor.propagate(pool))}. See
   * {@link CaptureSession#propagate}.
   */
  public static Executor propagate(Executor executor) {
    return session().propagate(executor);
  }

  /** Wraps {@code dataSource} so that its connections are captured into the JVM-wide session. */
  public static DataSource wrap(DataSource dataSource) {
    return wrap(dataSource, WrapOptions.defaults());
  }

  public static DataSource wrap(DataSource dataSource, WrapOptions options) {
    Objects.requireNonNull(dataSource, "dataSource");
    CaptureSession target = options.session() != null ? options.session() : session();
    return new CapturingDataSource(dataSource, target, options);
  }

  /** Assertions on what a scope ran: {@code hasAtMostStatements(n)}, {@code hasNoNPlusOne()}, {@code hasNo(rule)}. */
  public static ScopeAssert assertThat(Scope scope) {
    return ScopeAssert.assertThat(scope);
  }
}
