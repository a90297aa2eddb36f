package io.querydoctor.demo.workload;

import io.querydoctor.core.diagnosis.ProgressListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts and times the units of work of one scenario of a demo workload (one request route, run {@code units}
 * times, each in its own capture scope), for PostgreSQL's and MariaDB's demo alike.
 */
public final class Scenario {

  private final String name;
  private final int units;
  private final ScopeRunner scopes;
  private final ProgressListener progress;
  private int statements;
  private int done;
  private long elapsedNanos;

  public Scenario(String name, int units, ScopeRunner scopes, ProgressListener progress) {
    this.name = name;
    this.units = units;
    this.scopes = scopes;
    this.progress = progress;
  }

  /** How many units of work the scenario runs. */
  public int units() {
    return units;
  }

  /** Runs one unit of work in its own scope and times it. */
  public void unit(ScopeRunner.Work work) throws SQLException {
    long start = System.nanoTime();
    scopes.run(name, work);
    elapsedNanos += System.nanoTime() - start;
    progress.progress(name, ++done, units);
  }

  /** Counts a statement the scenario sent itself (a batch entry, a session SET). */
  public void counted() {
    statements++;
  }

  /** Runs a query and reads every row, as the application would. */
  public void query(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, parameters); ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        // The application reads every row.
      }
    }
  }

  /** Runs a query and returns its first column as ids. */
  public List<Long> ids(Connection c, String sql, Object... parameters) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement statement = prepare(c, sql, parameters); ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  public void update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, parameters)) {
      statement.executeUpdate();
    }
  }

  private PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    statements++;
    return statement;
  }

  public ScenarioRun done() {
    return new ScenarioRun(name, units, statements, elapsedNanos / 1e6);
  }
}
