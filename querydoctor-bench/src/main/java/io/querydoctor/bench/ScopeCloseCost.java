package io.querydoctor.bench;

import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Wall time of opening and closing a scope, measured around the calls themselves, in
 * {@link CaptureCpuOverhead}'s loop for the target configuration ({@code querydoctor-norows}: the prepared
 * SELECT, a scope per 10 statements) on H2 or the stub driver. A scope close aggregates its statements and runs
 * the detectors; timed on its own it shows what the per-statement ratio is too noisy to resolve. The first
 * three seconds warm up and are not counted; each figure includes one clock read (about 20 ns here).
 *
 * <pre>
 * java -cp querydoctor-bench/target/benchmarks.jar io.querydoctor.bench.ScopeCloseCost [seconds] [stub|h2]
 * </pre>
 */
public final class ScopeCloseCost {

  private static final long WARM_UP_NANOS = 3_000_000_000L;

  private ScopeCloseCost() {}

  public static void main(String[] args) throws SQLException {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    boolean h2 = args.length < 2 || args[1].equals("h2");
    CaptureSession[] session = new CaptureSession[1];
    Connection connection = Layers.wrap("querydoctor-norows",
        h2 ? CaptureOverheadBenchmark.h2() : new StubDataSource(), session).getConnection();
    long begin = System.nanoTime();
    long end = begin + Math.max(seconds, 4) * 1_000_000_000L;
    long closeNanos = 0;
    long openNanos = 0;
    long scopes = 0;
    long sink = 0;
    Scope scope = null;
    for (int i = 0; System.nanoTime() < end; i++) {
      if (i % 10 == 0) {
        long beforeClose = System.nanoTime();
        if (scope != null) {
          scope.close();
        }
        long afterClose = System.nanoTime();
        scope = session[0].scope("GET /items");
        if (afterClose - begin >= WARM_UP_NANOS) {
          closeNanos += afterClose - beforeClose;
          openNanos += System.nanoTime() - afterClose;
          scopes++;
        }
      }
      try (PreparedStatement ps = connection.prepareStatement(CaptureOverheadBenchmark.SELECT)) {
        ps.setInt(1, i % 10_000 + 1);
        try (ResultSet rs = ps.executeQuery()) {
          sink += rs.next() ? 1 : 0;
        }
      }
    }
    System.out.printf(Locale.ROOT, "scope close %.0f ns, scope open %.0f ns (%s, %d scopes of 10 statements;"
        + " checksum %d)%n", closeNanos / (double) scopes, openNanos / (double) scopes, h2 ? "H2" : "stub driver",
        scopes, sink);
  }
}
