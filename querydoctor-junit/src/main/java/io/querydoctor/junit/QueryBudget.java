package io.querydoctor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test when its body runs more than {@link #max()} statements through QueryDoctor's capture layer
 * into the JVM-wide session {@code QueryDoctor.session()} (a {@code jdbc:querydoctor:} URL, or a data source
 * wrapped with {@code QueryDoctor.wrap(ds)}; a data source wrapped into another session is not seen, unless
 * that session is {@code QueryDoctor.install}ed). On a class, applies to every
 * test method; a method's own annotation wins. Setup in {@code @BeforeEach}/{@code @BeforeAll} is not
 * counted. The failure lists the statements, redacted, with their call sites.
 *
 * <p>A guard that saw nothing cannot pass by accident: the test fails when its body captured no statement at
 * all (the data source is not wired through QueryDoctor), unless {@link #allowNone()} says zero is expected, and
 * when statements ran on other threads during the body (an executor, {@code @Async}, the server thread of an
 * HTTP test) outside the test's scope, unless {@link #ignoreOtherThreads()}. See {@link QueryDoctorExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(QueryDoctorExtension.class)
public @interface QueryBudget {

  /** The most statements the test body may run. */
  int max();

  /**
   * Zero captured statements is a valid outcome (e.g. a cache hit). Without it a test that captured nothing
   * fails, since that usually means the data source is not captured at all. Implied by {@code max = 0}.
   */
  boolean allowNone() default false;

  /**
   * Do not fail when statements ran on other threads, outside the test's scope, while the body ran (e.g.
   * background jobs of a shared application context that are known not to be the test's work).
   */
  boolean ignoreOtherThreads() default false;
}
