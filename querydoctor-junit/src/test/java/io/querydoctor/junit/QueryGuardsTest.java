package io.querydoctor.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.jdbc.QueryDoctor;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.assertj.core.api.Condition;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs guarded sample tests (nested classes, not run directly) with JUnit's EngineTestKit on a real H2 database
 * and checks which pass and which fail, and with what message: a guard must not pass when it saw nothing.
 */
class QueryGuardsTest {

  static final JdbcDataSource H2 = new JdbcDataSource();

  static {
    H2.setURL("jdbc:h2:mem:guards;DB_CLOSE_DELAY=-1");
  }

  static final DataSource CAPTURED = QueryDoctor.wrap(H2);

  static void schema() throws SQLException {
    try (Connection c = H2.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS author (id bigint PRIMARY KEY, name varchar(50))");
      st.execute("CREATE TABLE IF NOT EXISTS book (id bigint PRIMARY KEY, author_id bigint, title varchar(50))");
      st.execute("MERGE INTO author KEY (id) SELECT x, 'author ' || x FROM system_range(1, 6)");
      st.execute("MERGE INTO book KEY (id) SELECT x, MOD(x, 6) + 1, 'book ' || x FROM system_range(1, 30)");
    }
  }

  static int booksOneAuthorAtATime(DataSource ds) throws SQLException {
    int books = 0;
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT title FROM book WHERE author_id = ?")) {
      for (long author = 1; author <= 6; author++) {
        ps.setLong(1, author);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            books++;
          }
        }
      }
    }
    return books;
  }

  static int booksInOneQuery(DataSource ds) throws SQLException {
    int books = 0;
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT a.name, b.title FROM author a JOIN book b ON b.author_id = a.id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        books++;
      }
    }
    return books;
  }

  static void onAnotherThread(DataSource ds) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "async-worker"));
    try {
      executor.submit(() -> booksInOneQuery(ds)).get(30, TimeUnit.SECONDS);
    } finally {
      executor.shutdown();
    }
  }

  /**
   * Calls an HTTP endpoint on a server thread that runs its query in a scope of its own, the way a web
   * framework (or a RANDOM_PORT Spring Boot test with a per-request scope) does.
   */
  static void callServer() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/books", exchange -> {
      try (Scope request = QueryDoctor.scope("GET /books")) {
        booksInOneQuery(CAPTURED);
        exchange.sendResponseHeaders(200, -1);
      } catch (SQLException e) {
        exchange.sendResponseHeaders(500, -1);
      } finally {
        exchange.close();
      }
    });
    server.setExecutor(Executors.newSingleThreadExecutor(r -> new Thread(r, "http-server")));
    server.start();
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/books")).build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("server answered " + response.statusCode());
      }
    } finally {
      server.stop(0);
      ((ExecutorService) server.getExecutor()).shutdown();
    }
  }

  static class Samples {
    @BeforeAll
    static void createSchema() throws SQLException {
      schema();
    }

    @Test
    @QueryBudget(max = 3)
    void unwrappedDataSource() throws SQLException {
      booksInOneQuery(H2);
    }

    @Test
    @NoNPlusOne
    void unwrappedDataSourceNPlusOne() throws SQLException {
      booksOneAuthorAtATime(H2);
    }

    @Test
    @QueryBudget(max = 3, allowNone = true)
    void noneExpected() {}

    @Test
    @QueryBudget(max = 0)
    void zeroBudget() {}

    @Test
    @QueryBudget(max = 3)
    void workOnAnotherThread() throws Exception {
      onAnotherThread(CAPTURED);
    }

    @Test
    @NoNPlusOne
    void nPlusOneOnAnotherThread() throws Exception {
      booksInOneQuery(CAPTURED);
      onAnotherThread(CAPTURED);
    }

    @Test
    @QueryBudget(max = 3)
    void workOnAServerThreadInItsOwnScope() throws Exception {
      callServer();
    }

    @Test
    @QueryBudget(max = 3, ignoreOtherThreads = true)
    @NoNPlusOne
    void otherThreadsAccepted() throws Exception {
      booksInOneQuery(CAPTURED);
      onAnotherThread(CAPTURED);
    }

    @Test
    @QueryBudget(max = 3)
    void overBudget() throws SQLException {
      booksOneAuthorAtATime(CAPTURED);
    }

    @Test
    @QueryBudget(max = 1)
    void withinBudget() throws SQLException {
      booksInOneQuery(CAPTURED);
    }

    @Test
    @QueryBudget(max = 1)
    void withinBudgetInANestedScope() throws SQLException {
      try (Scope inner = QueryDoctor.scope("inner")) {
        booksInOneQuery(CAPTURED);
      }
    }

    @Test
    @NoNPlusOne
    void nPlusOne() throws SQLException {
      booksOneAuthorAtATime(CAPTURED);
    }

    @Test
    @NoNPlusOne
    void joined() throws SQLException {
      booksInOneQuery(CAPTURED);
    }
  }

  /** Two guarded tests that run statements at the same time on their own threads. */
  static class ParallelSamples {
    static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);

    @BeforeAll
    static void createSchema() throws SQLException {
      schema();
    }

    @Test
    @QueryBudget(max = 2)
    void first() throws Exception {
      runBesideTheOther();
    }

    @Test
    @QueryBudget(max = 2)
    void second() throws Exception {
      runBesideTheOther();
    }

    private static void runBesideTheOther() throws Exception {
      booksInOneQuery(CAPTURED);
      BOTH_RUNNING.await(30, TimeUnit.SECONDS);
      booksInOneQuery(CAPTURED);
      BOTH_RUNNING.await(30, TimeUnit.SECONDS);
    }
  }

  private static Events run(String method) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(Samples.class, method)).execute().testEvents();
  }

  private static void passes(String method) {
    run(method).assertThatEvents().haveExactly(1, event(test(method), finishedSuccessfully()));
  }

  @SafeVarargs
  private static void fails(String method, Condition<Throwable>... conditions) {
    run(method).assertThatEvents().haveExactly(1, event(test(method), finishedWithFailure(conditions)));
  }

  private static Condition<Throwable> messageContaining(String text) {
    return message(m -> m != null && m.contains(text));
  }

  @Test
  void anUnwrappedDataSourceFailsTheBudgetWithHowToWireIt() {
    fails("unwrappedDataSource", instanceOf(AssertionError.class),
        messageContaining("No statement was captured in 'Samples.unwrappedDataSource'"),
        messageContaining("jdbc:querydoctor:"), messageContaining("QueryDoctor.wrap(dataSource)"),
        messageContaining("allowNone = true"));
  }

  @Test
  void anUnwrappedDataSourceFailsTheNPlusOneGuard() {
    fails("unwrappedDataSourceNPlusOne", instanceOf(AssertionError.class),
        messageContaining("No statement was captured"));
  }

  @Test
  void zeroStatementsPassWhenExpected() {
    passes("noneExpected");
    passes("zeroBudget");
  }

  @Test
  void workOnAnotherThreadFailsInsteadOfPassing() {
    fails("workOnAnotherThread", instanceOf(AssertionError.class),
        messageContaining("1 statement ran on other threads during 'Samples.workOnAnotherThread' and was not counted"),
        messageContaining("threads: async-worker"),
        messageContaining("SELECT a.name, b.title FROM author a JOIN book b"),
        messageContaining("Propagate the scope"));
    fails("nPlusOneOnAnotherThread", instanceOf(AssertionError.class),
        messageContaining("1 statement ran on other threads"));
  }

  @Test
  void workOnAServerThreadFailsInsteadOfPassing() {
    fails("workOnAServerThreadInItsOwnScope", instanceOf(AssertionError.class),
        messageContaining("1 statement ran on other threads"), messageContaining("threads: http-server"));
  }

  @Test
  void workOnOtherThreadsCanBeAccepted() {
    passes("otherThreadsAccepted");
  }

  @Test
  void overBudgetFails() {
    fails("overBudget", instanceOf(AssertionError.class),
        messageContaining("Query budget exceeded in 'Samples.overBudget': 6 statements, budget 3"));
  }

  @Test
  void withinBudgetPasses() {
    passes("withinBudget");
    passes("withinBudgetInANestedScope");
  }

  @Test
  void nPlusOneFailsAndAJoinPasses() {
    fails("nPlusOne", instanceOf(AssertionError.class), messageContaining("n-plus-one"),
        messageContaining("SELECT title FROM book WHERE author_id = ANY (?)"));
    passes("joined");
  }

  @Test
  void theRunsFindingsAreWrittenAsSarifWhenAsked(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out/querydoctor.sarif");
    EngineTestKit.engine("junit-jupiter").selectors(selectMethod(Samples.class, "nPlusOne"))
        .configurationParameter("querydoctor.sarif", file.toString()).execute().testEvents()
        .assertStatistics(stats -> stats.started(1).failed(1));
    JsonNode nPlusOne = null;
    for (JsonNode result : new ObjectMapper().readTree(file.toFile()).at("/runs/0/results")) {
      if (result.get("ruleId").asText().equals("n-plus-one")
          && result.at("/message/text").asText().contains("Samples.nPlusOne")) {
        nPlusOne = result;
      }
    }
    assertThat(nPlusOne).isNotNull();
    assertThat(nPlusOne.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .endsWith("querydoctor-junit/src/test/java/io/querydoctor/junit/QueryGuardsTest.java");
    assertThat(nPlusOne.at("/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
  }

  @Test
  void noSarifIsWrittenUnlessAsked(@TempDir Path dir) {
    run("withinBudget");
    assertThat(dir).isEmptyDirectory();
    assertThat(Path.of("target/querydoctor.sarif")).doesNotExist();
  }

  @Test
  void guardedTestsRunningInParallelDoNotCountEachOther() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(ParallelSamples.class))
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
        .execute().testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }
}
