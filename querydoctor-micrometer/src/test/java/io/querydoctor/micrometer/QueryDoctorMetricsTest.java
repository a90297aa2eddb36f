package io.querydoctor.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FingerprintSummary;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statements run on H2 through a captured data source; the meters are read the way Prometheus reads them, from
 * a real PrometheusMeterRegistry's scrape. Query time is made deterministic with a PAUSE(ms) function.
 */
class QueryDoctorMetricsTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private CaptureSession session;
  private QueryDoctorMetrics metrics;
  private Connection connection;

  @BeforeEach
  void start() throws SQLException {
    session = CaptureSession.start(CaptureOptions.builder().slowQueryLog(false).build());
    metrics = QueryDoctorMetrics.of(session).topFingerprints(2).maxScopeNames(2);
    metrics.bindTo(registry);
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:metrics;DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE ALIAS IF NOT EXISTS PAUSE FOR '" + PauseFunction.class.getName() + ".pause'");
      st.execute("CREATE TABLE IF NOT EXISTS book (id bigint PRIMARY KEY, author_id bigint)");
      st.execute("MERGE INTO book KEY (id) SELECT x, MOD(x, 6) FROM system_range(1, 30)");
    }
    DataSource captured = QueryDoctor.wrap(h2, WrapOptions.defaults().withSession(session));
    connection = captured.getConnection();
  }

  @AfterEach
  void stop() throws SQLException {
    connection.close();
    session.close();
  }

  /** One query shape per alias: {@code SELECT PAUSE(?) AS heavy}. */
  private void run(String shape, int times, long millis) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT PAUSE(?) AS " + shape)) {
      for (int i = 0; i < times; i++) {
        ps.setLong(1, millis);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
      }
    }
  }

  private String fingerprintOf(String shape) {
    return session.aggregate().summaries().stream().filter(s -> s.example().endsWith("AS " + shape))
        .map(FingerprintSummary::fingerprintId).findFirst().orElseThrow();
  }

  private static Set<String> labelValues(String scrape, String metric, String label) {
    Set<String> values = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^" + metric + "\\{[^}]*" + label + "=\"([^\"]*)\"").matcher(scrape);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  private static double value(String scrape, String metric, String labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric + "{" + labels + "}") + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as(metric + "{" + labels + "} in\n" + scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void onlyTheTopShapesByTimeGetSeriesTheRestCountAsOther() throws SQLException {
    run("heavy", 3, 30);
    run("medium", 3, 10);
    run("c", 1, 0);
    run("d", 1, 0);
    run("e", 1, 0);
    metrics.refresh();
    run("heavy", 1, 0);
    run("medium", 1, 0);
    run("c", 1, 0);

    String scrape = registry.scrape();
    String heavy = fingerprintOf("heavy");
    String medium = fingerprintOf("medium");
    assertThat(labelValues(scrape, "querydoctor_query_seconds_count", "fingerprint"))
        .containsExactlyInAnyOrder(heavy, medium, "other");
    assertThat(value(scrape, "querydoctor_query_seconds_count", "fingerprint=\"" + heavy + "\",outcome=\"success\""))
        .isEqualTo(1);
    // Before the first ranking everything counted as other (9), and c after it (1).
    assertThat(value(scrape, "querydoctor_query_seconds_count", "fingerprint=\"other\",outcome=\"success\""))
        .isEqualTo(10);
    assertThat(value(scrape, "querydoctor_query_seconds_sum", "fingerprint=\"other\",outcome=\"success\""))
        .isGreaterThanOrEqualTo(0.120);
    assertThat(value(scrape, "querydoctor_query_rows_total", "fingerprint=\"other\"")).isEqualTo(10);
  }

  @Test
  void aShapeThatOvertakesTakesTheSlotOfTheOneItPassed() throws SQLException {
    run("heavy", 3, 30);
    run("medium", 3, 10);
    run("late", 1, 0);
    metrics.refresh();
    String medium = fingerprintOf("medium");
    assertThat(metrics.trackedFingerprints()).contains(medium);

    run("late", 4, 40);
    metrics.refresh();
    String scrape = registry.scrape();
    assertThat(metrics.trackedFingerprints()).containsExactlyInAnyOrder(fingerprintOf("heavy"), fingerprintOf("late"));
    assertThat(scrape).doesNotContain(medium);
  }

  @Test
  void scopesAreTimedPerNameUpToTheLimitAndFindingsAreCountedPerRule() throws SQLException {
    try (Scope scope = session.scope("GET /authors")) {
      try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM book WHERE author_id = ?")) {
        for (long author = 0; author < 6; author++) {
          ps.setLong(1, author);
          ps.executeQuery().close();
        }
      }
    }
    for (String name : new String[] {"GET /books", "GET /stats", "GET /health"}) {
      try (Scope scope = session.scope(name)) {
        run("ping", 1, 0);
      }
    }
    metrics.refresh();
    String scrape = registry.scrape();
    assertThat(labelValues(scrape, "querydoctor_scope_seconds_count", "scope"))
        .containsExactlyInAnyOrder("GET /authors", "GET /books", "other");
    assertThat(value(scrape, "querydoctor_scope_statements_sum", "scope=\"GET /authors\"")).isEqualTo(6);
    assertThat(value(scrape, "querydoctor_scope_seconds_count", "scope=\"other\"")).isEqualTo(2);
    assertThat(labelValues(scrape, "querydoctor_findings", "rule")).contains("n-plus-one");
  }

  @Test
  void theScrapePassesPromtoolWhereItIsInstalled() throws Exception {
    run("heavy", 2, 5);
    try (Scope scope = session.scope("GET /authors")) {
      run("ping", 1, 0);
    }
    metrics.refresh();
    Path scrape = Path.of("target", "querydoctor-metrics.prom");
    Files.createDirectories(scrape.getParent());
    Files.writeString(scrape, registry.scrape());
    Assumptions.assumeTrue(onPath("promtool"), "promtool is not installed (Debian package prometheus)");
    Process check = new ProcessBuilder("promtool", "check", "metrics").redirectInput(scrape.toFile())
        .redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(check.waitFor()).as(output).isZero();
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
