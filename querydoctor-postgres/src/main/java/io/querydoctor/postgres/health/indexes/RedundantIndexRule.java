package io.querydoctor.postgres.health.indexes;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.QualifiedName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * redundant-index: a B-tree index whose key columns are a left prefix of another valid B-tree index on the
 * same table, with the same operator classes, order and predicate. The longer index serves every lookup the
 * shorter one serves. Unique and constraint indexes, expression indexes and indexes with INCLUDE columns
 * are never called redundant: each does something the longer index cannot. Exact duplicates are left to
 * {@link DuplicateIndexRule}: of a set of identical indexes only the one it keeps is considered here, so
 * that each index gets one drop suggestion.
 */
public final class RedundantIndexRule implements HealthRule<IndexCatalogCheck.Row> {

  @Override
  public List<Finding> evaluate(List<IndexCatalogCheck.Row> rows) {
    Set<IndexCatalogCheck.Row> droppedDuplicates = new HashSet<>();
    DuplicateIndexRule.identicalGroups(rows).forEach(group -> droppedDuplicates.addAll(group.subList(1, group.size())));
    Map<QualifiedName, List<IndexCatalogCheck.Row>> byTable = new LinkedHashMap<>();
    for (IndexCatalogCheck.Row row : rows) {
      if (isPlainBtree(row)) {
        byTable.computeIfAbsent(row.table(), k -> new ArrayList<>()).add(row);
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (List<IndexCatalogCheck.Row> indexes : byTable.values()) {
      for (IndexCatalogCheck.Row candidate : indexes) {
        if (candidate.unique() || candidate.backsConstraint() || hasIncludeColumns(candidate)
            || droppedDuplicates.contains(candidate)) {
          continue;
        }
        coveringIndex(candidate, indexes).ifPresent(covering -> findings.add(finding(candidate, covering)));
      }
    }
    return findings;
  }

  private static boolean isPlainBtree(IndexCatalogCheck.Row row) {
    return row.valid() && row.method().equals("btree") && row.expressions().isEmpty();
  }

  private static boolean hasIncludeColumns(IndexCatalogCheck.Row row) {
    return row.keyAttributeList().length > row.keyCount();
  }

  private static Optional<IndexCatalogCheck.Row> coveringIndex(IndexCatalogCheck.Row shorter,
      List<IndexCatalogCheck.Row> indexes) {
    return indexes.stream()
        .filter(longer -> longer != shorter && !longer.definitionKey().equals(shorter.definitionKey()))
        .filter(longer -> longer.predicate().equals(shorter.predicate()))
        .filter(longer -> isPrefix(keys(shorter), keys(longer))
            && isPrefix(words(shorter.operatorClasses()), words(longer.operatorClasses()))
            && isPrefix(words(shorter.options()), words(longer.options())))
        .findFirst();
  }

  private static String[] keys(IndexCatalogCheck.Row row) {
    String[] all = row.keyAttributeList();
    return Arrays.copyOf(all, row.keyCount());
  }

  private static String[] words(String vector) {
    return vector.isBlank() ? new String[0] : vector.trim().split(" ");
  }

  private static boolean isPrefix(String[] prefix, String[] of) {
    if (prefix.length == 0 || prefix.length > of.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (!prefix[i].equals(of[i])) {
        return false;
      }
    }
    return true;
  }

  private static Finding finding(IndexCatalogCheck.Row redundant, IndexCatalogCheck.Row covering) {
    Finding.Builder finding = Finding.builder("redundant-index", Severity.LOW)
        .title("Index " + redundant.index() + " is redundant with " + covering.index())
        .subject(Subject.index(redundant.index().toString()))
        .concerns(Subject.index(covering.index().toString()))
        .concerns(Subject.table(redundant.table().toString()))
        .detail(redundant.index() + " (" + redundant.columns() + ") is a left prefix of " + covering.index() + " ("
            + covering.columns() + "), which serves the same lookups; every write to " + redundant.table()
            + " maintains both.")
        .evidence(Evidence.of("index_scans", redundant.scans(), "count"))
        .evidence(Evidence.of("covering_index_bytes", covering.bytes(), "bytes"));
    IndexDrop.withEvidence(finding, redundant);
    return finding.impact(IndexDrop.impact(redundant))
        .fix(IndexDrop.drop(redundant, ", made redundant by " + covering.index() + " (" + covering.columns() + ")"))
        .build();
  }
}
