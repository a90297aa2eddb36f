package io.querydoctor.cli;

import io.querydoctor.core.capture.CallSiteMode;
import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FingerprintSummary;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.demo.server.EmbeddedServer;
import io.querydoctor.demo.workload.ConnectionSource;
import io.querydoctor.demo.workload.DemoWorkload;
import io.querydoctor.demo.workload.ScopeRunner;
import io.querydoctor.jdbc.QueryDoctor;
import io.querydoctor.jdbc.WrapOptions;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The demo application as a Java team would run it with QueryDoctor: its DataSource wrapped by the capture
 * layer, each request a scope. What the detectors find becomes part of the demo's report.
 */
final class DemoCapture implements AutoCloseable {

  private final CaptureSession session;
  private final DataSource dataSource;

  DemoCapture(EmbeddedServer server, String database) {
    this(postgres(server, database));
  }

  /** Captures the demo application's connections to any database {@code plain} opens (the MariaDB demo's). */
  DemoCapture(DataSource plain) {
    session = CaptureSession.start(CaptureOptions.builder()
        .callSites(CallSiteMode.ON_REPEAT)
        // The workload's statement helper is plumbing; the call site users need is the request method above it.
        .excludeFromCallSites(DemoWorkload.class.getName() + "$Scenario")
        .excludeFromCallSites(io.querydoctor.demo.mariadb.MariaDbDemoWorkload.class.getName() + "$Scenario")
        .slowQueryLog(false)
        .build());
    // The demo application stands for one that borrows connections from a pool (connection churn is not one
    // of its planted problems), so opening a connection counts as a borrow.
    dataSource = QueryDoctor.wrap(plain, WrapOptions.defaults().withSession(session).withPooled(true));
  }

  private static DataSource postgres(EmbeddedServer server, String database) {
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setUrl(server.jdbcUrl(database));
    plain.setUser(EmbeddedServer.SUPERUSER);
    return plain;
  }

  /** Connections captured into this session. */
  ConnectionSource connections() {
    return dataSource::getConnection;
  }

  /** Each unit of work of the demo application becomes a capture scope. */
  ScopeRunner scopes() {
    return (name, work) -> {
      try (Scope scope = session.scope(name)) {
        work.run();
      }
    };
  }

  /** What the capture-side detectors found in the scopes closed so far. */
  List<Finding> findings() {
    return session.findings();
  }

  /** p50, p95, p99 and max in ms of the statements with {@code fingerprint} captured so far, or null when none. */
  double[] percentiles(String fingerprint) {
    FingerprintSummary summary = session.aggregate().summary(fingerprint);
    return summary == null || summary.calls() == 0 ? null
        : new double[] {summary.p50Millis(), summary.p95Millis(), summary.p99Millis(), summary.maxMillis()};
  }

  @Override
  public void close() {
    session.close();
  }
}
