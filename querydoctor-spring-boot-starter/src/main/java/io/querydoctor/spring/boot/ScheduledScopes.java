package io.querydoctor.spring.boot;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;

/**
 * A scope per run of a {@code @Scheduled} method, named {@code scheduled OwnerReport.refresh}. Applied as a
 * Spring AOP advisor on methods annotated {@code @Scheduled} (Spring's infrastructure auto-proxy creator, no
 * AspectJ needed): the scheduler invokes the proxied bean, so each run goes through here on the thread that runs
 * it. A call to the same method from other code is scoped the same way, which is harmless: it is a unit of
 * work too.
 */
final class ScheduledScopes implements MethodInterceptor {

  private final CaptureSession session;

  ScheduledScopes(CaptureSession session) {
    this.session = session;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    try (Scope scope = session.scope(nameOf(invocation))) {
      return invocation.proceed();
    }
  }

  private static String nameOf(MethodInvocation invocation) {
    Method method = invocation.getMethod();
    Class<?> type = invocation.getThis() == null ? method.getDeclaringClass()
        : AopUtils.getTargetClass(invocation.getThis());
    return "scheduled " + type.getSimpleName() + "." + method.getName();
  }
}
