package io.querydoctor.bench;

import io.querydoctor.core.capture.CallSiteMode;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Allocation of a captured statement for a short and a 2 KB SQL text on the stub driver: run with
 * {@code -prof gc}; {@code gc.alloc.rate.norm} must be the same for both (nothing proportional to SQL length
 * once the fingerprint is cached).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathAllocationBenchmark {

  @Param({"64", "2048"})
  public int sqlLength;

  private Connection connection;
  private String sql;

  @Setup
  public void open() throws SQLException {
    CaptureSession session = CaptureSession.start(CaptureOptions.builder().callSites(CallSiteMode.OFF).build());
    connection = QueryDoctor.wrap(new StubDataSource(), WrapOptions.defaults().withSession(session)
        .withDialect(SqlDialect.POSTGRESQL).withPooled(true)).getConnection();
    StringBuilder text = new StringBuilder("SELECT name FROM item WHERE id = ?");
    for (int i = 0; text.length() < sqlLength; i++) {
      text.append(" AND c").append(i).append(" IS NOT NULL");
    }
    sql = text.toString();
  }

  @Benchmark
  public String selectByPk() throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setInt(1, 7);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
