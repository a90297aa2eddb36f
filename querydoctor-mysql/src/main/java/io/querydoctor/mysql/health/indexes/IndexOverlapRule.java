package io.querydoctor.mysql.health.indexes;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.finding.Impact;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.mysql.health.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * duplicate-index and redundant-index on MySQL/MariaDB.
 *
 * <p>Design note. InnoDB stores the primary key's columns at the end of every secondary index entry, so a
 * secondary index on {@code (a)} of a table keyed by {@code id} is really {@code (a, id)}: an index declared as
 * {@code (a, id)} next to it is the same tree twice (a duplicate a plain column comparison misses), and
 * {@code (a)} is no left prefix worth keeping beside {@code (a, b)}. Two indexes are duplicates when their
 * effective column lists (declared columns, then the primary key's columns not already in them) are equal; an
 * index is redundant when its declared columns are a strict left prefix of another index's effective columns.
 * Both need the same method (a HASH index does not serve what a BTREE does). Primary keys and unique indexes
 * are kept: they enforce something. Of a duplicate group the unique one, else the first by name, is kept; an
 * index reported as a duplicate is not reported again as redundant.
 */
public final class IndexOverlapRule {

  public List<Finding> evaluate(List<IndexDefinitionCheck.Row> rows) {
    Map<String, List<IndexDefinitionCheck.Row>> byTable = new LinkedHashMap<>();
    for (IndexDefinitionCheck.Row row : rows) {
      byTable.computeIfAbsent(row.schema() + "." + row.table(), k -> new ArrayList<>()).add(row);
    }
    List<Finding> findings = new ArrayList<>();
    for (List<IndexDefinitionCheck.Row> indexes : byTable.values()) {
      findings.addAll(evaluateTable(indexes));
    }
    return findings;
  }

  private static List<Finding> evaluateTable(List<IndexDefinitionCheck.Row> indexes) {
    List<String> primaryKey = indexes.stream().filter(IndexDefinitionCheck.Row::primary).findFirst()
        .map(IndexDefinitionCheck.Row::columns).orElse(List.of());
    List<IndexDefinitionCheck.Row> ordered = new ArrayList<>(indexes);
    // The one to keep comes first: the primary key, then unique indexes, then by name.
    ordered.sort(Comparator.comparing((IndexDefinitionCheck.Row r) -> !r.primary())
        .thenComparing(r -> !r.unique()).thenComparing(IndexDefinitionCheck.Row::index));
    List<Finding> findings = new ArrayList<>();
    List<IndexDefinitionCheck.Row> reported = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      IndexDefinitionCheck.Row candidate = ordered.get(i);
      if (candidate.primary() || candidate.unique()) {
        continue;
      }
      for (int j = 0; j < i; j++) {
        IndexDefinitionCheck.Row kept = ordered.get(j);
        if (!reported.contains(kept) && sameMethod(candidate, kept)
            && effective(candidate, primaryKey).equals(effective(kept, primaryKey))) {
          findings.add(duplicate(candidate, kept, primaryKey));
          reported.add(candidate);
          break;
        }
      }
    }
    for (IndexDefinitionCheck.Row candidate : ordered) {
      if (candidate.primary() || candidate.unique() || reported.contains(candidate)) {
        continue;
      }
      // The longest index it prefixes is the one to name: (a) beside (a, b) and (a, b, c) is served by (a, b, c).
      IndexDefinitionCheck.Row best = null;
      for (IndexDefinitionCheck.Row longer : ordered) {
        if (longer != candidate && !reported.contains(longer) && sameMethod(candidate, longer)
            && isStrictPrefix(candidate.columns(), effective(longer, primaryKey))
            && (best == null || longer.columns().size() > best.columns().size())) {
          best = longer;
        }
      }
      if (best != null) {
        findings.add(redundant(candidate, best));
        reported.add(candidate);
      }
    }
    return findings;
  }

  /** The columns an InnoDB secondary index entry really holds: its own, then the primary key's others. */
  static List<String> effective(IndexDefinitionCheck.Row index, List<String> primaryKey) {
    if (index.primary() || !index.innoDb()) {
      return index.columns();
    }
    List<String> columns = new ArrayList<>(index.columns());
    for (String column : primaryKey) {
      if (!columns.contains(column)) {
        columns.add(column);
      }
    }
    return columns;
  }

  private static boolean sameMethod(IndexDefinitionCheck.Row a, IndexDefinitionCheck.Row b) {
    return a.method().equalsIgnoreCase(b.method()) && !a.columns().contains("(expression)");
  }

  private static boolean isStrictPrefix(List<String> prefix, List<String> of) {
    return prefix.size() < of.size() && of.subList(0, prefix.size()).equals(prefix);
  }

  private static Finding duplicate(IndexDefinitionCheck.Row index, IndexDefinitionCheck.Row kept,
      List<String> primaryKey) {
    boolean bySuffix = !index.columns().equals(kept.columns());
    String why = bySuffix
        ? " once InnoDB appends the primary key (" + String.join(", ", primaryKey) + ") to secondary index entries"
        : "";
    return finding("duplicate-index", Severity.MEDIUM, index,
        "Index " + index.index() + " duplicates " + kept.index() + " on " + index.table(),
        index.index() + " (" + String.join(", ", index.columns()) + ") and " + kept.index() + " ("
            + String.join(", ", kept.columns()) + ") are the same index" + why
            + ": the optimizer uses one, every write maintains both.", kept);
  }

  private static Finding redundant(IndexDefinitionCheck.Row index, IndexDefinitionCheck.Row longer) {
    return finding("redundant-index", Severity.LOW, index,
        "Index " + index.index() + " is a left prefix of " + longer.index() + " on " + index.table(),
        index.index() + " (" + String.join(", ", index.columns()) + ") is a left prefix of " + longer.index() + " ("
            + String.join(", ", longer.columns()) + "), which serves the same lookups; every write maintains both.",
        longer);
  }

  private static Finding finding(String rule, Severity severity, IndexDefinitionCheck.Row index, String title,
      String detail, IndexDefinitionCheck.Row kept) {
    String table = Names.qualified(index.schema(), index.table());
    String ddl = "ALTER TABLE " + Names.sql(index.schema(), index.table()) + " DROP INDEX "
        + Names.quote(index.index()) + ", ALGORITHM=INPLACE, LOCK=NONE;";
    return Finding.builder(rule, severity)
        .title(title)
        .subject(Subject.index(table + "." + index.index()))
        .concerns(Subject.index(table + "." + kept.index()))
        .concerns(Subject.table(table))
        .detail(detail)
        .evidence(Evidence.of("index_columns", index.columns().size(), "count"))
        .evidence(Evidence.of("kept_index_columns", kept.columns().size(), "count"))
        .impact(Impact.unknown("write amplification: every insert and update maintains both indexes"))
        .fix(Fix.sql("Drop " + index.index() + " (online, in place); " + kept.index() + " serves its queries. Check "
            + "replicas and index hints (FORCE INDEX) that name it first.", ddl))
        .build();
  }
}
