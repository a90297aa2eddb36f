package io.querydoctor.postgres.verify;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.finding.Verification;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.core.verify.FixTrial;
import io.querydoctor.core.verify.TimedWork;
import io.querydoctor.core.verify.Timings;
import io.querydoctor.postgres.connect.ConnectionErrors;
import io.querydoctor.postgres.connect.SandboxExecutor;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures each fix in isolation on a sandbox: the work is run once to warm the cache, then timed
 * {@code runs} times without the fix and {@code runs} times with it; the fix is then reverted, so the next trial
 * starts from the same database. Median and p95 of each side become the finding's measured verification.
 */
public final class SandboxVerifier {

  /** Enough runs for a stable median and a p95 that is not just the maximum of three. */
  public static final int DEFAULT_RUNS = 7;
  /** Long enough for an index build on a demo-sized table, short enough to give up on a runaway query. */
  public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

  private final SandboxExecutor sandbox;
  private final int runs;

  public SandboxVerifier(SandboxExecutor sandbox, int runs) {
    this.sandbox = sandbox;
    this.runs = runs;
  }

  /**
   * The outcome of every trial, by finding key: measured verifications, and for trials that failed (a fix the
   * sandbox refused, a timeout) the reason instead.
   */
  public Outcomes verify(List<FixTrial> trials, ProgressListener progress) {
    Map<String, Verification> measured = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    for (FixTrial trial : trials) {
      progress.step("verifying: " + trial.description());
      try {
        Verification verification = measure(trial);
        trial.findingKeys().forEach(key -> measured.putIfAbsent(key, verification));
      } catch (SQLException e) {
        failed.add(trial.findingKey() + ": " + trial.description() + " could not be measured: "
            + ConnectionErrors.firstLine(e.getMessage()));
      }
    }
    return new Outcomes(measured, failed);
  }

  /**
   * Measured verifications by finding key, and the trials that could not be measured with the reason.
   */
  public record Outcomes(Map<String, Verification> measured, List<String> failed) {}

  private Verification measure(FixTrial trial) throws SQLException {
    Timings before = time(trial.before());
    try {
      for (String statement : trial.apply()) {
        sandbox.execute(statement);
      }
      Timings after = time(trial.after());
      String note = trial.description() + "; timed: " + trial.after().label() + " (p95 "
          + Quantities.millis(before.p95Millis()) + " → " + Quantities.millis(after.p95Millis()) + ")";
      return new Verification(Verification.Method.MEASURED, "median_ms", round(before.medianMillis()),
          round(after.medianMillis()), runs, note, round(before.p95Millis()), round(after.p95Millis()));
    } finally {
      for (String statement : trial.revert()) {
        sandbox.execute(statement);
      }
    }
  }

  private Timings time(TimedWork work) throws SQLException {
    runOnce(work);
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      millis[i] = runOnce(work);
    }
    return Timings.of(millis);
  }

  /**
   * One run: settings (untimed), the statements (timed) in a transaction that is rolled back — read-only unless
   * the work writes, so that a sample taken for a read can change nothing even on the sandbox — then the settings
   * reset (untimed).
   */
  private double runOnce(TimedWork work) throws SQLException {
    var connection = sandbox.connection();
    try {
      for (String setting : work.settings()) {
        sandbox.execute(setting);
      }
      connection.setAutoCommit(false);
      try (Statement mode = connection.createStatement()) {
        mode.execute(work.rolledBack() ? "SET TRANSACTION READ WRITE" : "SET TRANSACTION READ ONLY");
      }
      long start = System.nanoTime();
      for (String statement : work.statements()) {
        sandbox.executeAndDrain(statement);
      }
      return (System.nanoTime() - start) / 1e6;
    } finally {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
      for (String setting : work.settings()) {
        sandbox.execute(reset(setting));
      }
    }
  }

  /** {@code SET work_mem = '64kB'} → {@code RESET work_mem}. */
  static String reset(String setting) {
    String[] words = setting.strip().split("[\\s=]+");
    if (words.length < 2 || !words[0].equalsIgnoreCase("SET")) {
      throw new IllegalArgumentException("not a SET statement: " + setting);
    }
    String name = words[1].equalsIgnoreCase("SESSION") || words[1].equalsIgnoreCase("LOCAL") ? words[2] : words[1];
    return "RESET " + name;
  }

  private static double round(double millis) {
    return Math.round(millis * 1000) / 1000.0;
  }
}
