package io.querydoctor.core.detect;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.sql.SqlDialect;
import java.util.List;

/**
 * The capture-side fixes in the SQL of the database they run on. Detectors describe their findings before the
 * database is known (a capture file, a capture session serving any connection), in PostgreSQL's form; once a
 * diagnosis knows its engine, this puts the fixes that differ into its dialect: the batched form of an
 * {@code n-plus-one} ({@code = ANY (?)} is an array parameter MySQL and MariaDB do not have: {@code IN (…)} there).
 * The BatchLoader snippet already uses {@code IN (:keys)}, which both dialects read.
 */
public final class DialectFixes {

  private DialectFixes() {}

  /** {@code findings}, and the findings merged under them, with their fixes in {@code dialect}. */
  public static List<Finding> in(SqlDialect dialect, List<Finding> findings) {
    if (dialect == SqlDialect.POSTGRESQL) {
      return findings;
    }
    return findings.stream().map(f -> in(dialect, f)).toList();
  }

  private static Finding in(SqlDialect dialect, Finding finding) {
    Finding changed = finding;
    Fix fix = finding.fix();
    if (finding.ruleId().equals(NPlusOneDetector.RULE) && fix != null && fix.sql() != null
        && fix.sql().contains(BatchedShape.ANY_ARRAY)) {
      changed = finding.withFix(new Fix(fix.kind(), fix.summary(), BatchedShape.inList(fix.sql()), fix.code()));
    }
    return finding.supporting().isEmpty() ? changed : changed.withSupporting(in(dialect, finding.supporting()));
  }
}
