package io.querydoctor.junit;

import io.querydoctor.core.capture.Scope;
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
 * A test that already failed keeps its own failure; the budget is checked only when the body succeeded.
 */
public final class QueryDoctorExtension implements InvocationInterceptor {

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context) throws Throwable {
    Optional<QueryBudget> budget = find(context, QueryBudget.class);
    Optional<NoNPlusOne> noNPlusOne = find(context, NoNPlusOne.class);
    Scope scope = QueryDoctor.scope(context.getRequiredTestClass().getSimpleName() + "."
        + context.getRequiredTestMethod().getName());
    try {
      invocation.proceed();
    } finally {
      scope.close();
    }
    ScopeAssert check = QueryDoctor.assertThat(scope);
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
