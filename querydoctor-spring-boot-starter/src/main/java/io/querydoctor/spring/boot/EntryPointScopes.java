package io.querydoctor.spring.boot;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;

/**
 * A scope per invocation of an annotated entry point: a run of a {@code @Scheduled} method
 * ({@code scheduled OwnerReport.refresh}) or a message handed to a {@code @JmsListener}, {@code @KafkaListener},
 * {@code @RabbitListener} or {@code @SqsListener} method ({@code message OwnerAudit.onMessage}). Applied as a
 * Spring AOP advisor on methods with the annotation (Spring's infrastructure auto-proxy creator, no AspectJ
 * needed): the scheduler and the listener containers invoke the proxied bean, so each run goes through here on
 * the thread that runs it. A call to the same method from other code is scoped the same way, which is harmless:
 * it is a unit of work too.
 */
final class EntryPointScopes implements MethodInterceptor {

  private final CaptureSession session;
  private final String prefix;

  EntryPointScopes(CaptureSession session, String prefix) {
    this.session = session;
    this.prefix = prefix;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    try (Scope scope = session.scope(nameOf(invocation))) {
      return invocation.proceed();
    }
  }

  private String nameOf(MethodInvocation invocation) {
    Method method = invocation.getMethod();
    Class<?> type = invocation.getThis() == null ? method.getDeclaringClass()
        : AopUtils.getTargetClass(invocation.getThis());
    return prefix + " " + type.getSimpleName() + "." + method.getName();
  }
}
