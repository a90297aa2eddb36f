package io.querydoctor.postgres.health.indexes;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.HealthThresholds;
import io.querydoctor.postgres.health.QualifiedName;
import io.querydoctor.postgres.health.ScanCost;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** missing-fk-index: a foreign key without a supporting index, on a table large enough to matter. */
public final class MissingFkIndexRule implements HealthRule<ForeignKeyIndexCheck.Row> {

  /** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes. */
  private static final int MAX_IDENTIFIER_BYTES = 63;

  private final HealthThresholds thresholds;

  public MissingFkIndexRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<ForeignKeyIndexCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (ForeignKeyIndexCheck.Row fk : rows) {
      if (fk.rows() >= thresholds.fkIndexMinRows()) {
        findings.add(finding(fk));
      }
    }
    return findings;
  }

  private Finding finding(ForeignKeyIndexCheck.Row fk) {
    String columns = String.join(", ", fk.columns());
    String indexName = indexName(fk.table(), fk.columns());
    String quotedColumns = fk.columns().stream().map(QualifiedName::quote).collect(Collectors.joining(", "));
    return Finding.builder("missing-fk-index", Severity.MEDIUM)
        .title("Foreign key " + fk.table() + "(" + columns + ") → " + fk.referenced() + " has no index")
        .subject(Subject.columns(fk.table().toString(), columns))
        .detail("Constraint " + fk.constraint() + " has no index starting with (" + columns + "): every DELETE or "
            + "key UPDATE on " + fk.referenced() + ", and every join from it, scans all of " + fk.table() + ".")
        .evidence(Evidence.crossed("table_rows", fk.rows(), "rows", thresholds.fkIndexMinRows()))
        .evidence(Evidence.of("table_pages", fk.pages(), "pages"))
        .evidence(Evidence.of("referenced_row_changes", fk.referencedChanges(), "rows"))
        .evidence(Evidence.of("stats_age", fk.statsAgeSeconds(), "s"))
        .impact(ScanCost.of(fk.referencedChanges(), fk.pages(), fk.statsAgeSeconds(),
            "changes to " + fk.referenced()))
        .fix(Fix.sql("Index the foreign key columns; CONCURRENTLY builds it without blocking writes (outside a "
            + "transaction block).",
            "CREATE INDEX CONCURRENTLY " + QualifiedName.quote(indexName) + " ON " + fk.table().sql() + " ("
                + quotedColumns + ");"))
        .build();
  }

  /** PostgreSQL's own naming pattern, {@code table_col1_col2_idx}, cut to the identifier limit. */
  static String indexName(QualifiedName table, List<String> columns) {
    String suffix = "_idx";
    String base = table.name() + "_" + String.join("_", columns);
    while (base.getBytes(StandardCharsets.UTF_8).length + suffix.length() > MAX_IDENTIFIER_BYTES) {
      base = base.substring(0, base.length() - 1);
    }
    return base + suffix;
  }
}
