package io.querydoctor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails the test when its body runs one read shape {@link #minExecutions()} or more times with different
 * parameters (rule {@code n-plus-one}). The failure names the repeated fingerprint, its call site and the
 * batched query to use instead. On a class, applies to every test method.
 *
 * <p>Like {@link QueryBudget}, it fails a test whose body captured no statement at all (unless the test also
 * has {@code @QueryBudget(allowNone = true)}) and a test during which statements ran on other threads outside
 * its scope (unless {@link #ignoreOtherThreads()}): an N+1 there would otherwise go unseen.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(QueryDoctorExtension.class)
public @interface NoNPlusOne {

  /** Executions of one shape that count as N+1; RULES.md's default is 5. */
  int minExecutions() default 5;

  /** Do not fail when statements ran on other threads, outside the test's scope, while the body ran. */
  boolean ignoreOtherThreads() default false;
}
