package io.querydoctor.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.CaptureListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The request scope's name and life, and its switch. */
class RequestScopesTest {

  @Test
  void aRequestIsAScopeNamedByItsMethodAndRouteTemplate() {
    try (CaptureSession session = CaptureSession.start(CaptureOptions.defaults())) {
      List<ScopeRecord> closed = new CopyOnWriteArrayList<>();
      session.addListener(new CaptureListener() {
        @Override
        public void scopeClosed(ScopeRecord scope) {
          closed.add(scope);
        }
      });
      RequestScopes scopes = new RequestScopes(session);
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/owners/42");
      request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/owners/{id}");
      MockHttpServletResponse response = new MockHttpServletResponse();

      scopes.preHandle(request, response, new Object());
      assertThat(session.currentScope().name()).isEqualTo("GET /owners/{id}");
      scopes.preHandle(request, response, new Object()); // a second dispatch of one request: no second scope
      scopes.afterCompletion(request, response, new Object(), null);

      assertThat(session.currentScope()).isNull();
      assertThat(closed).extracting(ScopeRecord::name).containsExactly("GET /owners/{id}");
    }
  }

  @Test
  void withoutARouteTemplateTheScopeIsNamedByThePath() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/static/app.js");
    assertThat(RequestScopes.nameOf(request)).isEqualTo("POST /static/app.js");
  }

  @Test
  void theWebSwitchLeavesRequestsUnscoped() {
    WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(QueryDoctorAutoConfiguration.class));
    runner.run(context -> assertThat(context).hasBean("queryDoctorRequestScopes")
        .hasSingleBean(WebMvcConfigurer.class));
    runner.withPropertyValues("querydoctor.web.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("queryDoctorRequestScopes"));
  }
}
