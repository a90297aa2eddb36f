package io.querydoctor.postgres.health.indexes;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.postgres.health.HealthRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * duplicate-index: two or more valid indexes with the same definition (table, method, columns, operator
 * classes, order, expressions, predicate, uniqueness). One is kept — the one a constraint depends on, else
 * the most scanned, else the first by name — and each other one is a finding.
 */
public final class DuplicateIndexRule implements HealthRule<IndexCatalogCheck.Row> {

  /** Which of a set of identical indexes to keep: the constraint's, else the most scanned, else by name. */
  static final Comparator<IndexCatalogCheck.Row> KEEP_FIRST =
      Comparator.comparing((IndexCatalogCheck.Row r) -> !r.backsConstraint())
          .thenComparing(Comparator.comparingLong(IndexCatalogCheck.Row::scans).reversed())
          .thenComparing(r -> r.index().name());

  @Override
  public List<Finding> evaluate(List<IndexCatalogCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    for (List<IndexCatalogCheck.Row> group : identicalGroups(rows)) {
      IndexCatalogCheck.Row kept = group.get(0);
      for (IndexCatalogCheck.Row duplicate : group.subList(1, group.size())) {
        findings.add(finding(duplicate, kept));
      }
    }
    return findings;
  }

  /** Groups of two or more valid identical indexes, each sorted so that the one to keep comes first. */
  static List<List<IndexCatalogCheck.Row>> identicalGroups(List<IndexCatalogCheck.Row> rows) {
    Map<String, List<IndexCatalogCheck.Row>> byDefinition = new LinkedHashMap<>();
    for (IndexCatalogCheck.Row row : rows) {
      if (row.valid()) {
        byDefinition.computeIfAbsent(row.definitionKey(), k -> new ArrayList<>()).add(row);
      }
    }
    List<List<IndexCatalogCheck.Row>> groups = new ArrayList<>();
    for (List<IndexCatalogCheck.Row> group : byDefinition.values()) {
      if (group.size() > 1) {
        group.sort(KEEP_FIRST);
        groups.add(group);
      }
    }
    return groups;
  }

  private static Finding finding(IndexCatalogCheck.Row duplicate, IndexCatalogCheck.Row kept) {
    Finding.Builder finding = Finding.builder("duplicate-index", Severity.MEDIUM)
        .title("Index " + duplicate.index() + " duplicates " + kept.index())
        .subject(Subject.index(duplicate.index().toString()))
        .concerns(Subject.index(kept.index().toString()))
        .concerns(Subject.table(duplicate.table().toString()))
        .detail(duplicate.index() + " and " + kept.index() + " are the same index on " + duplicate.table() + " ("
            + duplicate.columns() + "): the planner uses one, every write maintains both.")
        .evidence(Evidence.of("index_scans", duplicate.scans(), "count"))
        .evidence(Evidence.of("kept_index_scans", kept.scans(), "count"));
    IndexDrop.withEvidence(finding, duplicate);
    Fix fix = duplicate.backsConstraint()
        ? Fix.action("Both indexes back constraints; drop the redundant constraint with ALTER TABLE "
            + duplicate.table().sql() + " DROP CONSTRAINT …, after checking which one foreign keys reference.")
        : IndexDrop.drop(duplicate, ", a duplicate of " + kept.index());
    return finding.impact(IndexDrop.impact(duplicate)).fix(fix).build();
  }
}
