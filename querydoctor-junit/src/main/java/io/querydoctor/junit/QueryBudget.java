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
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(QueryDoctorExtension.class)
public @interface QueryBudget {

  /** The most statements the test body may run. */
  int max();
}
