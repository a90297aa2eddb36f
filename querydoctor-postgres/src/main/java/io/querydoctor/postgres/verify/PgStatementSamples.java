package io.querydoctor.postgres.verify;

import io.querydoctor.core.sql.SqlDialect;
import io.querydoctor.core.sql.SqlFingerprinter;
import io.querydoctor.core.verify.StatementSamples;
import io.querydoctor.core.verify.TimedWork;
import io.querydoctor.postgres.connect.SafeExecutor;
import java.sql.SQLException;
import java.util.List;

/**
 * Executable examples from pg_stat_statements: the read statements it keeps without {@code $n} parameters (the
 * ones whose text runs as is), costliest first. Statements with parameters need values only the application
 * has; their fixes are reported unverified.
 */
public final class PgStatementSamples {

  /** Enough to cover the statements the top findings are about. */
  static final int LIMIT = 50;

  private static final String RUNNABLE_READS = """
      SELECT query FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND toplevel AND query ~* '^\\s*(select|with)\\M' AND query !~ '\\$[0-9]'
      ORDER BY total_exec_time DESC
      LIMIT ?
      """;

  private PgStatementSamples() {}

  /** The samples, or none when pg_stat_statements can't be read (the verification then has less to time). */
  public static StatementSamples load(SafeExecutor executor) {
    StatementSamples samples = new StatementSamples();
    SqlFingerprinter fingerprinter = SqlFingerprinter.of(SqlDialect.POSTGRESQL);
    try {
      List<String> queries = executor.query(RUNNABLE_READS, rs -> rs.getString(1), LIMIT);
      for (String query : queries) {
        var fingerprint = fingerprinter.fingerprint(query);
        // The label is shown in reports: the normalized text, whose literals are already placeholders.
        samples.add(fingerprint.id(), TimedWork.read(preview(fingerprint.normalized()), query));
      }
    } catch (SQLException e) {
      // An empty set: every fix is then reported as not measurable, which the report says.
    }
    return samples;
  }

  private static String preview(String query) {
    String flat = query.replaceAll("\\s+", " ").strip();
    return flat.length() <= 60 ? flat : flat.substring(0, 59) + "…";
  }
}
