package io.querydoctor.postgres.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querydoctor.demo.junit.EmbeddedPostgresExtension;
import io.querydoctor.demo.junit.PostgresMajors;
import io.querydoctor.demo.junit.TestDatabase;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Index sizes against real builds (#30): on a 200 000-row table with columns of few, many and unique values
 * (int, date, text; one and two columns; a unique index, where deduplication does not apply), each index's
 * estimate — ours ({@link IndexSizeEstimator}) and, where HypoPG is installed, HypoPG's raw one — is compared with
 * {@code pg_relation_size} of the index built for real. Each run writes its table to
 * {@code target/index-sizes-pgNN.md} (the table in docs/performance.md).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class IndexSizeEstimateIT {

  /** Ours must stay within this of the real size on every index (HypoPG's is off by up to ×9 here). */
  private static final double MAX_ERROR = 0.15;

  private static final int ROWS = 200_000;

  /** An index to build: its label, its columns, unique or not. */
  private record Case(String label, List<String> columns, boolean unique) {}

  private static final List<Case> CASES = List.of(
      new Case("int, 10 values", List.of("few_int"), false),
      new Case("int, ~20 000 values", List.of("many_int"), false),
      new Case("int, unique values (plain index)", List.of("id"), false),
      new Case("int, UNIQUE index (no deduplication)", List.of("id"), true),
      new Case("date, 730 values", List.of("day"), false),
      new Case("text, 5 values", List.of("status"), false),
      new Case("text (md5), ~50 000 values", List.of("code"), false),
      new Case("text, skewed (one value 90 %)", List.of("kind"), false),
      new Case("2 columns: int 10 × date 730", List.of("few_int", "day"), false),
      new Case("2 columns: int 20 000 × text 5", List.of("many_int", "status"), false));

  /** One measured index. */
  private record Measured(Case index, long real, long ours, Long hypoPg) {
    double ourError() {
      return (double) (ours - real) / real;
    }

    Double hypoPgError() {
      return hypoPg == null ? null : (double) (hypoPg - real) / real;
    }
  }

  @Test
  void onPostgres17OurEstimateIsCloseToTheRealBuild(TestDatabase db) throws Exception {
    check(measure(db::connect, false), "17");
  }

  @Test
  void onPostgres13OurEstimateIsCloseToTheRealBuild() throws Exception {
    Optional<EmbeddedServer> server = PostgresMajors.server(13);
    assumeTrue(server.isPresent(), PostgresMajors.missing(13));
    String name = server.get().createUniqueDatabase("sizes");
    check(measure(() -> server.get().connect(name), false), "13");
  }

  @Test
  void onPostgres15OurEstimateIsCloserThanHypoPgs() throws Exception {
    String why = SystemPostgres15.why();
    assumeTrue(why == null, "HypoPG comparison skipped: " + why);
    try (SystemPostgres15 server = SystemPostgres15.start();
        Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION hypopg");
      List<Measured> measured = measure(() -> DriverManager.getConnection(server.jdbcUrl()), true);
      check(measured, "15");
      double ours = measured.stream().mapToDouble(m -> Math.abs(m.ourError())).average().orElseThrow();
      double theirs = measured.stream().mapToDouble(m -> Math.abs(m.hypoPgError())).average().orElseThrow();
      assertThat(ours).as("mean absolute error, ours vs HypoPG's").isLessThan(theirs / 3);
      Measured unique = measured.stream().filter(m -> m.index().unique()).findFirst().orElseThrow();
      assertThat(Math.abs(unique.hypoPgError())).as("without deduplication HypoPG is close too").isLessThan(0.2);
    }
  }

  private static void check(List<Measured> measured, String major) throws Exception {
    Path report = Path.of("target", "index-sizes-pg" + major + ".md");
    Files.createDirectories(report.getParent());
    Files.writeString(report, table(measured, major));
    assertThat(measured).as(table(measured, major)).allSatisfy(
        m -> assertThat(Math.abs(m.ourError())).as(m.index().label()).isLessThanOrEqualTo(MAX_ERROR));
  }

  /** Opens a new connection to the database measured. */
  private interface Opener {
    Connection open() throws SQLException;
  }

  private static List<Measured> measure(Opener opener, boolean hypoPg) throws SQLException {
    // The estimator reads through the read-only executor, on a connection of its own.
    try (Connection c = opener.open(); Connection reader = opener.open()) {
      return measure(c, new IndexSizeEstimator(new SafeExecutor(reader)), hypoPg);
    }
  }

  private static List<Measured> measure(Connection c, IndexSizeEstimator estimator, boolean hypoPg)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS sized");
      s.execute("SELECT setseed(0.42)");
      s.execute("CREATE TABLE sized AS SELECT g AS id, floor(random() * 10)::int AS few_int, "
          + "floor(random() * 20000)::int AS many_int, date '2024-01-01' + floor(random() * 730)::int AS day, "
          + "'status-' || floor(random() * 5)::int AS status, md5(floor(random() * 50000)::text) AS code, "
          + "CASE WHEN random() < 0.9 THEN 'common' ELSE 'rare-' || floor(random() * 1000)::int END AS kind "
          + "FROM generate_series(1, " + ROWS + ") g");
      s.execute("ANALYZE sized");
    }
    List<Measured> measured = new ArrayList<>();
    for (Case index : CASES) {
      long ours = estimator.bytes("sized", index.columns(), List.of(), index.unique()).orElseThrow();
      String ddl = "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX sized_idx ON sized ("
          + String.join(", ", index.columns()) + ")";
      Long hypo = hypoPg ? hypoPgBytes(c, ddl) : null;
      long real;
      try (Statement s = c.createStatement()) {
        s.execute(ddl);
        try (ResultSet rs = s.executeQuery("SELECT pg_relation_size('sized_idx')")) {
          rs.next();
          real = rs.getLong(1);
        }
        s.execute("DROP INDEX sized_idx");
      }
      measured.add(new Measured(index, real, ours, hypo));
    }
    return measured;
  }

  private static long hypoPgBytes(Connection c, String ddl) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT hypopg_relation_size(indexrelid) FROM hypopg_create_index('"
            + ddl.replace("sized_idx ", "") + "')")) {
      rs.next();
      long bytes = rs.getLong(1);
      s.execute("SELECT hypopg_reset()");
      return bytes;
    }
  }

  private static String table(List<Measured> measured, String major) {
    StringBuilder md = new StringBuilder("PostgreSQL " + major + ", " + ROWS + " rows\n\n"
        + "| index | built (pg_relation_size) | ours | error | HypoPG | error |\n|---|---|---|---|---|---|\n");
    for (Measured m : measured) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %+.0f %% | %s | %s |%n", m.index().label(),
          mb(m.real()), mb(m.ours()), 100 * m.ourError(), m.hypoPg() == null ? "–" : mb(m.hypoPg()),
          m.hypoPg() == null ? "–" : String.format(Locale.ROOT, "%+.0f %%", 100 * m.hypoPgError())));
    }
    return md.toString();
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
  }
}
