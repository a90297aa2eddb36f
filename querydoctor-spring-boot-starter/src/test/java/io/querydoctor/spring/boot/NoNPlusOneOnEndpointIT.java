package io.querydoctor.spring.boot;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.querydoctor.junit.NoNPlusOne;
import io.querydoctor.spring.boot.app.PetClinicApplication;
import io.querydoctor.spring.boot.app.SharedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code @NoNPlusOne} on tests of the Spring Boot application's N+1 endpoint, run with JUnit's EngineTestKit so
 * that the expected failures are asserted. Through MockMvc the request runs on the test's thread: the starter's
 * request scope nests in the test's scope and the guard fails on the N+1 itself. Over real HTTP on a random port
 * the request runs on a server thread in its own scope: the guard cannot count it, and fails saying so rather
 * than passing.
 */
class NoNPlusOneOnEndpointIT {

  @SpringBootTest(classes = PetClinicApplication.class)
  @AutoConfigureMockMvc
  @DirtiesContext
  static class OnTheTestThread {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
      SharedPostgres.register(registry, "guard_mock");
    }

    @Autowired
    MockMvc mvc;

    @Test
    @NoNPlusOne
    void listOwners() throws Exception {
      mvc.perform(get("/owners")).andExpect(status().isOk());
    }

    @Test
    @NoNPlusOne
    void oneOwner() throws Exception {
      mvc.perform(get("/owners/{id}", firstId(mvc))).andExpect(status().isOk());
    }
  }

  @SpringBootTest(classes = PetClinicApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @DirtiesContext
  static class OverHttp {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
      SharedPostgres.register(registry, "guard_http");
    }

    @LocalServerPort
    int port;

    @Test
    @NoNPlusOne
    void listOwners() throws Exception {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/owners")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET /owners answered " + response.statusCode());
      }
    }
  }

  /** The first owner's id; read outside the guard's count would be simpler, but one statement is no N+1. */
  static long firstId(MockMvc mvc) throws Exception {
    String body = mvc.perform(get("/owner-ids")).andReturn().getResponse().getContentAsString();
    return Long.parseLong(body.replaceAll("^\\[(\\d+).*$", "$1"));
  }

  private static Condition<Throwable> messageContaining(String text) {
    return message(m -> m != null && m.contains(text));
  }

  @Test
  void theGuardFailsOnTheEndpointsNPlusOneThroughMockMvc() {
    EngineTestKit.engine("junit-jupiter").selectors(selectMethod(OnTheTestThread.class, "listOwners")).execute()
        .testEvents().assertThatEvents().haveExactly(1, event(test("listOwners"), finishedWithFailure(
            instanceOf(AssertionError.class), messageContaining("n-plus-one"), messageContaining("ANY (?)"))));
  }

  @Test
  void theGuardPassesOnTheEndpointWithoutOne() {
    EngineTestKit.engine("junit-jupiter").selectors(selectMethod(OnTheTestThread.class, "oneOwner")).execute()
        .testEvents().assertThatEvents().haveExactly(1, event(test("oneOwner"), finishedSuccessfully()));
  }

  @Test
  void overRealHttpTheGuardFailsBecauseTheServerThreadIsNotItsScope() {
    EngineTestKit.engine("junit-jupiter").selectors(selectMethod(OverHttp.class, "listOwners")).execute()
        .testEvents().assertThatEvents().haveExactly(1, event(test("listOwners"), finishedWithFailure(
            instanceOf(AssertionError.class), messageContaining("ran on other threads"),
            messageContaining("threads: http-nio-"))));
  }
}
