package io.querydoctor.postgres.health.indexes;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * missing-primary-key: a table without a primary key. Rows cannot be addressed reliably (ORMs, logical
 * replication of UPDATE/DELETE, de-duplication), and duplicates creep in.
 */
public final class MissingPrimaryKeyRule implements HealthRule<PrimaryKeyCheck.Row> {

  @Override
  public List<Finding> evaluate(List<PrimaryKeyCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (PrimaryKeyCheck.Row row : rows) {
      findings.add(Finding.builder("missing-primary-key", Severity.LOW)
          .title("Table " + row.table() + " has no primary key")
          .subject(Subject.table(row.table().toString()))
          .detail("Without a primary key rows cannot be addressed reliably: logical replication cannot "
              + "replicate UPDATE and DELETE, ORMs misbehave, and duplicate rows go unnoticed.")
          .evidence(Evidence.of("table_rows", row.rows(), "rows"))
          .evidence(Evidence.of("table_bytes", row.bytes(), "bytes"))
          .impact(Impact.unknown("correctness and replication risk, not query time"))
          .fix(fix(row))
          .build());
    }
    return findings;
  }

  private static Fix fix(PrimaryKeyCheck.Row row) {
    if (row.promotableIndex() != null) {
      QualifiedName index = row.table().sibling(row.promotableIndex());
      return Fix.sql("Promote the existing unique index " + index + " (its columns are NOT NULL) to the primary "
          + "key; no new index is built.",
          "ALTER TABLE " + row.table().sql() + " ADD CONSTRAINT " + QualifiedName.quote(row.table().name() + "_pkey")
              + " PRIMARY KEY USING INDEX " + QualifiedName.quote(row.promotableIndex()) + ";");
    }
    return Fix.sql("Add a surrogate key if no column set identifies a row (this rewrites the table under an "
        + "exclusive lock; schedule it), or declare the natural key with ADD PRIMARY KEY (columns).",
        "ALTER TABLE " + row.table().sql() + " ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;");
  }
}
