package io.querydoctor.bench;

import io.querydoctor.core.capture.CaptureSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-statement cost of each capture layer, side by side in one run: a prepared SELECT by primary key and a
 * batch of 100 INSERTs, on a stub driver (pure overhead) and on H2 in memory (10 000 rows). QueryDoctor runs
 * with full capture and a scope per 10 statements, so scope bookkeeping and the detectors are paid for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"})
public class CaptureOverheadBenchmark {

  // The statement every capture-overhead harness runs (a compile-time constant, so copies of LayerLoop inline it).
  static final String SELECT = "SELECT name FROM item WHERE id = ?";
  private static final String INSERT = "INSERT INTO event_log (id, payload) VALUES (?, ?)";
  private static final int ROWS = 10_000;

  @Param({"stub", "h2"})
  public String database;

  @Param({"raw", "querydoctor", "querydoctor-norows", "querydoctor-noscope", "p6spy", "p6spy-filtered",
      "dsproxy-count", "dsproxy-slf4j"})
  public String layer;

  private final CaptureSession[] session = new CaptureSession[1];
  private Connection connection;
  private io.querydoctor.core.capture.Scope scope;
  private int statementsInScope;
  // Decided once, so that each operation pays no string comparison of the harness's.
  private boolean scoped;
  private int nextId;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    DataSource base = database.equals("stub") ? new StubDataSource() : h2();
    connection = Layers.wrap(layer, base, session).getConnection();
    scoped = session[0] != null && !layer.equals("querydoctor-noscope");
  }

  /** H2 in memory with the benchmark's table of {@value #ROWS} items (shared by every layer). */
  static DataSource h2() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS item (id INT PRIMARY KEY, name VARCHAR(64))");
      st.execute("CREATE TABLE IF NOT EXISTS event_log (id INT, payload VARCHAR(64))");
      st.execute("DELETE FROM item");
      st.execute("INSERT INTO item SELECT x, 'item ' || x FROM SYSTEM_RANGE(1, " + ROWS + ")");
    }
    return h2;
  }

  @TearDown(Level.Iteration)
  public void emptyLog() throws SQLException {
    if (database.equals("h2")) {
      try (PreparedStatement ps = connection.prepareStatement("TRUNCATE TABLE event_log")) {
        ps.executeUpdate();
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    if (scope != null) {
      scope.close();
    }
    connection.close();
  }

  /** A scope per 10 statements: a realistic request, and the detectors run at each close. */
  private void inScope() {
    if (!scoped) {
      return;
    }
    if (scope == null || ++statementsInScope == 10) {
      if (scope != null) {
        scope.close();
      }
      scope = session[0].scope("GET /items");
      statementsInScope = 0;
    }
  }

  @Benchmark
  public String selectByPk() throws SQLException {
    inScope();
    nextId = nextId % ROWS + 1;
    try (PreparedStatement ps = connection.prepareStatement(SELECT)) {
      ps.setInt(1, nextId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @Benchmark
  public int[] batchInsert100() throws SQLException {
    inScope();
    try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
      for (int i = 0; i < 100; i++) {
        ps.setInt(1, i);
        ps.setString(2, "payload");
        ps.addBatch();
      }
      return ps.executeBatch();
    }
  }
}
