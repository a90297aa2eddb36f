package io.querydoctor.jdbc;

import io.querydoctor.core.capture.CaptureOptions;
import io.querydoctor.core.capture.CaptureSession;
import io.querydoctor.core.capture.FingerprintSummary;
import io.querydoctor.core.capture.Scope;
import io.querydoctor.core.capture.ScopeRecord;
import io.querydoctor.core.capture.WorkloadAggregate;
import io.querydoctor.core.finding.Finding;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Runs {@code count} distinct statements — each a new text and a new fingerprint, as generated SQL with inlined
 * values and aliases is — through the capture layer over H2 in memory, all in one unit of work: an explicit scope
 * ({@code scope}) or one transaction with auto-commit off ({@code transaction}). Meant to run in a JVM of its own
 * with a small heap ({@link CaptureMemoryBoundsTest}); prints {@code key=value} lines: the heap used after a full
 * collection at half and at the end of the run, and what capture kept and counted.
 */
public final class DistinctStatementsRun {

  private DistinctStatementsRun() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int count = Integer.parseInt(args[1]);
    CaptureSession session = CaptureSession.start(CaptureOptions.builder().slowQueryLog(false).build());
    AtomicReference<ScopeRecord> closed = new AtomicReference<>();
    session.addListener(new io.querydoctor.core.capture.CaptureListener() {
      @Override
      public void scopeClosed(ScopeRecord scope) {
        closed.set(scope);
      }
    });
    DataSource h2 = (ConnectionSource) () -> DriverManager.getConnection("jdbc:h2:mem:distinct", "sa", "");
    DataSource ds = QueryDoctor.wrap(h2, WrapOptions.defaults().withSession(session).withPooled(true));
    try (Connection connection = ds.getConnection(); Statement statement = connection.createStatement()) {
      if (mode.equals("scope")) {
        try (Scope scope = session.scope("import job")) {
          run(statement, count);
        }
      } else {
        connection.setAutoCommit(false);
        run(statement, count);
        connection.commit();
      }
    }
    report(session, closed.get(), count);
  }

  private static void run(Statement statement, int count) throws SQLException {
    for (int i = 1; i <= count; i++) {
      try (ResultSet rs = statement.executeQuery("SELECT " + i + " AS c" + i)) {
        rs.next();
      }
      if (i == count / 2) {
        System.out.println("heapAtHalf=" + usedHeapAfterGc());
      }
    }
    System.out.println("heapAtEnd=" + usedHeapAfterGc());
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void report(CaptureSession session, ScopeRecord scope, int count) {
    System.out.println("executed=" + count);
    System.out.println("scopeName=" + scope.name());
    System.out.println("scopeStatements=" + scope.statementCount());
    System.out.println("scopeKept=" + scope.statements().size());
    System.out.println("scopeDropped=" + scope.droppedStatements());
    long calls = 0;
    long otherCalls = 0;
    int entries = 0;
    for (FingerprintSummary summary : session.aggregate().summaries()) {
      calls += summary.calls();
      if (summary.fingerprintId().equals(WorkloadAggregate.OTHER)) {
        otherCalls = summary.calls();
      } else {
        entries++;
      }
    }
    System.out.println("aggregateCalls=" + calls);
    System.out.println("aggregateEntries=" + entries);
    System.out.println("aggregateOther=" + otherCalls);
    for (Finding finding : session.findings()) {
      System.out.println("finding=" + finding.ruleId() + " " + finding.title());
    }
  }
}
