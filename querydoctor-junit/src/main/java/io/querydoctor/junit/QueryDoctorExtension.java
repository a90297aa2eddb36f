package io.querydoctor.junit;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.detect.DetectorThresholds;
import io.querydoctor.core.detect.ScopeAssert;
import io.querydoctor.jdbc.QueryDoctor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs each test body inside a QueryDoctor scope (in {@link QueryDoctor#session()}) named after the test,
 * then checks {@link QueryBudget} and {@link NoNPlusOne}. Registered by those annotations; nothing to set up.
 * A test that already failed keeps its own failure; the guards are checked only when the body succeeded.
 *
 * <p>The guards never pass blind. In this order, a test fails when:
 * <ol>
 *   <li>statements ran on other threads, outside the test's scope, while the body ran (they would be missed by
 *       the budget and the N+1 check): the message names the threads and shows examples; either annotation's
 *       {@code ignoreOtherThreads = true} accepts them;
 *   <li>the body captured no statement at all (the data source is not wired through QueryDoctor), unless
 *       {@code @QueryBudget(allowNone = true)} or {@code max = 0};
 *   <li>the budget is exceeded, or an N+1 ran.
 * </ol>
 *
 * <p>With the system property or JUnit configuration parameter {@code querydoctor.sarif=true} (or a file name)
 * the findings of the run are written as SARIF to {@code target/querydoctor.sarif} when the run ends.
 */
public final class QueryDoctorExtension implements InvocationInterceptor {

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context) throws Throwable {
    Optional<QueryBudget> budget = find(context, QueryBudget.class);
    Optional<NoNPlusOne> noNPlusOne = find(context, NoNPlusOne.class);
    String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    CaptureSession session = QueryDoctor.session();
    SarifOfTestRun.registerIfWanted(context, session);
    Scope scope = session.scope(name);
    TestWindow window = OutOfScopeWatch.of(session).open(scope);
    try {
      invocation.proceed();
    } finally {
      scope.close();
      window.close();
    }
    check(scope.snapshot(), window.result(), budget, noNPlusOne);
  }

  private static void check(ScopeRecord ran, OtherThreadWork elsewhere, Optional<QueryBudget> budget,
      Optional<NoNPlusOne> noNPlusOne) {
    boolean ignoreOtherThreads = budget.map(QueryBudget::ignoreOtherThreads).orElse(false)
        || noNPlusOne.map(NoNPlusOne::ignoreOtherThreads).orElse(false);
    if (elsewhere.any() && !ignoreOtherThreads) {
      throw new AssertionError(elsewhere.message(ran.name()));
    }
    boolean noneAllowed = budget.map(b -> b.allowNone() || b.max() == 0).orElse(false);
    if (ran.statementCount() == 0 && !noneAllowed) {
      throw new AssertionError(BlindGuard.message(ran.name()));
    }
    ScopeAssert check = ScopeAssert.assertThat(ran);
    budget.ifPresent(b -> check.hasAtMostStatements(b.max()));
    noNPlusOne.ifPresent(n -> check
        .withThresholds(DetectorThresholds.defaults().withNPlusOneMinExecutions(n.minExecutions()))
        .hasNoNPlusOne());
  }

  private static <A extends Annotation> Optional<A> find(ExtensionContext context, Class<A> type) {
    Optional<A> onMethod = AnnotationSupport.findAnnotation(context.getTestMethod(), type);
    if (onMethod.isPresent()) {
      return onMethod;
    }
    for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
      Optional<A> onClass = AnnotationSupport.findAnnotation(c, type);
      if (onClass.isPresent()) {
        return onClass;
      }
    }
    return Optional.empty();
  }
}
