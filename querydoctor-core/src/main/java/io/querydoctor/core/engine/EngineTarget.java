package io.querydoctor.core.engine;

import io.querydoctor.core.diagnosis.ProgressListener;
import io.querydoctor.core.report.Report;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database of one engine, named by a validated URL: the entry points the CLI's engine-neutral commands use.
 * Options only one engine understands (PostgreSQL's {@code --exact-bloat}, {@code --symptom}, …) stay in that
 * engine's own code path; what is here every engine answers.
 *
 * <p>Contract: used by one thread. Each entry point opens its own connection, runs every statement of the tool
 * through the engine's safe executor (read-only, statement and lock time limits) and closes it before
 * returning. A check that cannot run (privileges, server settings, version) is a {@code SkippedCheck} in the
 * report, never an exception; an exception means the database as a whole could not be used.
 */
public interface EngineTarget {

  /** The engine this database runs on. */
  DatabaseEngine engine();

  /** The URL without user, password or parameters: safe to print and to put in reports. */
  String redactedUrl();

  /**
   * A new connection with the user's credentials resolved (never printed). The caller owns and closes it; it
   * is a plain connection, not yet made read-only: hand it to the engine's safe executor before use.
   */
  Connection connect() throws EngineFailure;

  /** {@code querydoctor check}: only the catalog health checks. */
  Report check(RunSettings settings, ProgressListener progress) throws EngineFailure, SQLException;

  /**
   * {@code querydoctor diagnose}: every analyzer the engine has (workload, plans, health), one report. The
   * caller folds in what does not come from the server (capture files, logs) and ranks.
   */
  Report diagnose(RunSettings settings, ProgressListener progress) throws EngineFailure, SQLException;
}
