package io.querydoctor.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.spring.boot.app.OwnerAudit;
import io.querydoctor.spring.boot.app.PetCensus;
import io.querydoctor.spring.boot.app.PetClinicApplication;
import io.querydoctor.spring.boot.app.SharedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Spring Boot application (Spring Data JPA on the embedded PostgreSQL, Spring MVC on Tomcat, Actuator with
 * the Prometheus registry) with nothing of QueryDoctor's but the starter on its class path, called over HTTP on a
 * random port: the N+1 of {@code GET /owners} is logged, listed at {@code /actuator/querydoctor} under the route
 * template, and counted at {@code /actuator/prometheus}.
 */
@SpringBootTest(classes = PetClinicApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"petclinic.census=true", "petclinic.audit=true", "spring.artemis.embedded.enabled=true"})
// Spring Boot tests turn metrics export off unless asked: a user's running application exports by default.
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class SpringBootStarterIT {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    SharedPostgres.register(registry, "starter_it");
  }

  @LocalServerPort
  int port;

  @Autowired
  DataSource dataSource;

  @Autowired
  PetCensus census;

  @Autowired
  OwnerAudit audit;

  @Autowired
  JmsTemplate jms;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response;
  }

  @Test
  void theDataSourceBeanIsCapturedAndStillUnwrapsToThePool() throws Exception {
    assertThat(dataSource.getClass().getName()).isEqualTo("io.querydoctor.jdbc.CapturingDataSource");
    assertThat(dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)).isTrue();
  }

  @Test
  void thePoolsMetricsAndHealthStillSeeThePoolBehindTheWrapper() throws Exception {
    assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
    assertThat(get("/actuator/prometheus").body()).contains("hikaricp_connections_active{");
  }

  @Test
  void anNPlusOneBehindAControllerIsLoggedListedAndCounted(CapturedOutput output) throws Exception {
    JsonNode ids = json.readTree(get("/owner-ids").body());
    get("/owners");
    get("/owners");
    get("/owners/" + ids.get(0).asLong());

    // Logged once, with the route template, the repeated statement and the fix.
    String log = output.getAll();
    assertThat(log).contains("QueryDoctor n-plus-one in 'GET /owners':");
    assertThat(occurrences(log, "QueryDoctor n-plus-one in 'GET /owners':")).isEqualTo(1);
    assertThat(log).contains("fix: ").contains("= ANY (?)");
    assertThat(log).doesNotContain("QueryDoctor n-plus-one in 'GET /owners/{id}'");

    // At the actuator endpoint, under the route template.
    String body = get("/actuator/querydoctor").body();
    JsonNode report = json.readTree(body);
    JsonNode nPlusOne = null;
    for (JsonNode finding : report.get("findings")) {
      if (finding.get("ruleId").asText().equals("n-plus-one")
          && finding.toString().contains("GET /owners\"")) {
        nPlusOne = finding;
      }
    }
    assertThat(nPlusOne).as("n-plus-one of GET /owners in %s", report.get("findings")).isNotNull();
    assertThat(nPlusOne.at("/fix/sql").asText()).contains("ANY (?)");
    assertThat(report.get("topShapes").size()).isPositive();
    assertThat(report.get("topShapes").get(0).has("fingerprintId")).isTrue();
    JsonNode owners = scope(report, "GET /owners");
    assertThat(owners.get("runs").asLong()).isEqualTo(2);
    assertThat(owners.get("maxStatements").asLong()).isGreaterThanOrEqualTo(11); // 1 for the owners + 10 for pets
    assertThat(scope(report, "GET /owners/{id}").get("runs").asLong()).isEqualTo(1);

    // At the Prometheus endpoint: the query timers by fingerprint and the findings gauge.
    String metrics = get("/actuator/prometheus").body();
    assertThat(metrics).contains("querydoctor_query_seconds_count{");
    assertThat(metrics).containsPattern("querydoctor_findings\\{[^}]*rule=\"n-plus-one\"[^}]*\\} [1-9]");
    assertThat(metrics).contains("querydoctor_scope_seconds_count{").contains("scope=\"GET /owners\"");
    checkedByPromtool(metrics);
  }

  @Test
  void eachScheduledRunIsAScopeOfItsOwn() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonNode report = json.readTree(get("/actuator/querydoctor").body());
    // The run's scope closes just after the job's counter moves: poll the endpoint.
    while ((census.runs() < 2 || !report.get("findings").toString().contains("scheduled PetCensus.count"))
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      report = json.readTree(get("/actuator/querydoctor").body());
    }
    assertThat(census.runs()).isEqualTo(2);
    assertThat(scope(report, "scheduled PetCensus.count").get("maxStatements").asLong()).isGreaterThanOrEqualTo(11);
    assertThat(report.get("findings").toString()).contains("N+1 queries in scheduled PetCensus.count");
  }

  @Test
  void eachMessageToAListenerIsAScopeOfItsOwn() throws Exception {
    jms.convertAndSend(OwnerAudit.QUEUE, "audit");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonNode report = json.readTree(get("/actuator/querydoctor").body());
    // The listener counts the message before its scope closes, and findings are the JVM's since it started:
    // wait for this message's scope itself.
    while (!(hasScope(report, "message OwnerAudit.onMessage")
        && report.get("findings").toString().contains("N+1 queries in message OwnerAudit.onMessage"))
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      report = json.readTree(get("/actuator/querydoctor").body());
    }
    assertThat(audit.handled()).isEqualTo(1);
    assertThat(scope(report, "message OwnerAudit.onMessage").get("runs").asLong()).isEqualTo(1);
    assertThat(report.get("findings").toString()).contains("N+1 queries in message OwnerAudit.onMessage");
  }

  private static boolean hasScope(JsonNode report, String name) {
    for (JsonNode row : report.get("scopes")) {
      if (row.get("name").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode scope(JsonNode report, String name) {
    for (JsonNode row : report.get("scopes")) {
      if (row.get("name").asText().equals(name)) {
        return row;
      }
    }
    throw new AssertionError("no scope " + name + " in " + report.get("scopes"));
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  /**
   * {@code promtool check metrics} (rc 1: parse error, rc 3: lint problems). The whole exposition must parse;
   * Spring Boot's and Micrometer's own meters have lint problems of their own (no HELP on http_server_requests,
   * {@code _ms} in jvm_compilation_time_ms_total), so the lint must be clean for QueryDoctor's families, checked
   * alone.
   */
  private static void checkedByPromtool(String metrics) throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool is not installed: exposition not validated");
    Promtool whole = promtool(promtool, metrics);
    assertThat(whole.rc()).as("promtool on the whole exposition: %s", whole.out()).isIn(0, 3);
    assertThat(whole.out()).doesNotContain("querydoctor_");
    String ours = metrics.lines()
        .filter(l -> l.startsWith("querydoctor_") || l.startsWith("# HELP querydoctor_")
            || l.startsWith("# TYPE querydoctor_"))
        .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    assertThat(ours).contains("# TYPE querydoctor_findings gauge");
    Promtool alone = promtool(promtool, ours);
    assertThat(alone.rc()).as("promtool on the querydoctor_* families: %s", alone.out()).isZero();
  }

  private record Promtool(int rc, String out) {}

  private static Promtool promtool(Path promtool, String exposition) throws Exception {
    Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Promtool(process.exitValue(), out);
  }
}
