package io.querydoctor.cli;

/** The documented exit codes (docs/exit-codes.md). Scripts and CI gates depend on them: keep them stable. */
public final class ExitCode {

  /** The command ran and nothing reached --fail-on. */
  public static final int CLEAN = 0;
  /** The command ran and found something at or above --fail-on. */
  public static final int FINDINGS = 1;
  /** Bad usage, bad input, or the database could not be reached or used. */
  public static final int ERROR = 2;

  private ExitCode() {}
}
