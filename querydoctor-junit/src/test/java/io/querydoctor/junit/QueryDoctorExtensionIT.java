package io.querydoctor.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.querydoctor.core.capture.Scope;
import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.jdbc.QueryDoctor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs sample tests that use the annotations against a real PostgreSQL and checks which fail, and how. */
@ExtendWith(EmbeddedPostgresExtension.class)
class QueryDoctorExtensionIT {

  static Connection connect(TestDatabase db) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", db.user());
    return DriverManager.getConnection("jdbc:querydoctor:" + db.jdbcUrl().substring("jdbc:".length()), props);
  }

  static void setUp(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS author (id bigint PRIMARY KEY, name text)");
      st.execute("CREATE TABLE IF NOT EXISTS book (id bigint PRIMARY KEY, author_id bigint, title text)");
      st.execute("TRUNCATE author, book");
      st.execute("INSERT INTO author SELECT g, 'author ' || g FROM generate_series(1, 6) g");
      st.execute("INSERT INTO book SELECT g, g % 6 + 1, 'book ' || g FROM generate_series(1, 30) g");
    }
  }

  /** Loads each author's books with its own query. */
  static int booksOneAuthorAtATime(Connection c) throws SQLException {
    int books = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT title FROM book WHERE author_id = ?")) {
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

  static int booksInOneQuery(Connection c) throws SQLException {
    int books = 0;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT a.name, b.title FROM author a JOIN book b ON b.author_id = a.id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        books++;
      }
    }
    return books;
  }

  /** Not run directly (nested classes are excluded); run by the launcher below. */
  @ExtendWith(EmbeddedPostgresExtension.class)
  static class Samples {
    @BeforeAll
    static void schema(TestDatabase db) throws SQLException {
      setUp(db);
    }

    @Test
    @QueryBudget(max = 3)
    void overBudget(TestDatabase db) throws SQLException {
      try (Connection c = connect(db)) {
        booksOneAuthorAtATime(c);
      }
    }

    @Test
    @NoNPlusOne
    void nPlusOne(TestDatabase db) throws SQLException {
      try (Connection c = connect(db)) {
        booksOneAuthorAtATime(c);
      }
    }

    @Test
    @QueryBudget(max = 1)
    @NoNPlusOne
    void joined(TestDatabase db) throws SQLException {
      try (Connection c = connect(db)) {
        booksInOneQuery(c);
      }
    }

    @Test
    @NoNPlusOne(minExecutions = 7)
    void belowACustomThreshold(TestDatabase db) throws SQLException {
      try (Connection c = connect(db)) {
        booksOneAuthorAtATime(c);
      }
    }
  }

  @Test
  void annotationsFailTheRightTestsWithUsefulMessages() {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Samples.class)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();
    Map<String, Throwable> failures = summary.getFailures().stream().collect(Collectors.toMap(
        f -> f.getTestIdentifier().getDisplayName(), TestExecutionSummary.Failure::getException));

    assertThat(summary.getTestsStartedCount()).isEqualTo(4);
    assertThat(failures).containsOnlyKeys("overBudget(TestDatabase)", "nPlusOne(TestDatabase)");
    assertThat(failures.get("overBudget(TestDatabase)")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Query budget exceeded in 'Samples.overBudget': 6 statements, budget 3")
        .hasMessageContaining("6. [");
    assertThat(failures.get("nPlusOne(TestDatabase)")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("n-plus-one")
        .hasMessageContaining("SELECT title FROM book WHERE author_id = ANY (?)")
        .hasMessageContaining(QueryDoctorExtensionIT.class.getName() + ".booksOneAuthorAtATime(QueryDoctorExtensionIT.java:");
  }

  @Test
  void programmaticAssertions(TestDatabase db) throws SQLException {
    setUp(db);
    Scope loop;
    try (Connection c = connect(db); Scope scope = QueryDoctor.scope("list authors")) {
      loop = scope;
      booksOneAuthorAtATime(c);
    }
    assertThatThrownBy(() -> QueryDoctor.assertThat(loop).hasNoNPlusOne()).hasMessageContaining("n-plus-one");
    Scope join;
    try (Connection c = connect(db); Scope scope = QueryDoctor.scope("list authors joined")) {
      join = scope;
      booksInOneQuery(c);
    }
    QueryDoctor.assertThat(join).hasAtMostStatements(1).hasNoNPlusOne();
  }
}
