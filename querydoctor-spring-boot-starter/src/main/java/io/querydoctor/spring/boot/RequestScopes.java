package io.querydoctor.spring.boot;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A scope per Spring MVC request, named by the method and the route template: {@code GET /owners/{id}}, so
 * every request of one endpoint is judged under one name whatever its path variables.
 *
 * <p>Why an interceptor and not a servlet filter: the template is known only once handler mapping has chosen
 * the handler ({@link HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE}), which is before {@code preHandle} but
 * after every filter has started. Statements in filters before it (a security filter loading the user) are
 * therefore not in the request's scope. A request without a template (a static resource) is named by its path.
 * The scope closes in {@code afterCompletion}, or when the request goes asynchronous (the thread is released,
 * and a scope belongs to its thread).
 */
final class RequestScopes implements AsyncHandlerInterceptor {

  private static final String ATTRIBUTE = RequestScopes.class.getName() + ".scope";

  private final CaptureSession session;

  RequestScopes(CaptureSession session) {
    this.session = session;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getAttribute(ATTRIBUTE) == null) {
      request.setAttribute(ATTRIBUTE, session.scope(nameOf(request)));
    }
    return true;
  }

  static String nameOf(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String route = pattern != null ? pattern.toString() : request.getRequestURI();
    return request.getMethod() + " " + route;
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception ex) {
    close(request);
  }

  @Override
  public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
      Object handler) {
    close(request);
  }

  private static void close(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof Scope scope) {
      request.removeAttribute(ATTRIBUTE);
      scope.close();
    }
  }
}
