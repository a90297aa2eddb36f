package io.querydoctor.postgres.health.indexes;

import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.HealthThresholds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * unused-index, duplicate-index and redundant-index computed together, so that their drops add up.
 *
 * <p>Design note: each rule is right on its own and wrong in company. A duplicate is dropped in favour of the
 * index it duplicates, which is dropped as a prefix of a longer index, which is dropped as unused: every
 * index on the column gone. So the drops are reconciled per table and leading column: when every one of two or
 * more valid indexes that lead with a column would be dropped, and a query used one of them (scans) or the
 * statistics are too young to say none did, one is kept — the most scanned, then the narrowest, then the smallest — its own drop
 * is withdrawn, and the other drops of that column say to keep it.
 */
public final class IndexHygieneRule implements HealthRule<IndexCatalogCheck.Row> {

  private static final Comparator<IndexCatalogCheck.Row> KEEP_FIRST =
      Comparator.comparingLong((IndexCatalogCheck.Row r) -> -r.scans())
          .thenComparingInt(IndexCatalogCheck.Row::keyCount)
          .thenComparingLong(IndexCatalogCheck.Row::bytes)
          .thenComparing(r -> r.index().toString());

  private final HealthThresholds thresholds;
  private final List<HealthRule<IndexCatalogCheck.Row>> drops;

  public IndexHygieneRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
    this.drops = List.of(new UnusedIndexRule(thresholds), new DuplicateIndexRule(), new RedundantIndexRule());
  }

  @Override
  public List<Finding> evaluate(List<IndexCatalogCheck.Row> rows) {
    List<Finding> findings = new ArrayList<>();
    drops.forEach(rule -> findings.addAll(rule.evaluate(rows)));
    Set<String> dropped = new HashSet<>();
    findings.forEach(f -> dropped.add(f.subject().name()));
    Map<String, String> keepInstead = new LinkedHashMap<>();
    for (List<IndexCatalogCheck.Row> group : byLeadingColumn(rows).values()) {
      // One index alone is each rule's own business (an unused index is dropped, or reported as young); only
      // drops that several indexes of a column make together can take away the one a query needs.
      if (group.size() > 1 && group.stream().allMatch(r -> dropped.contains(name(r))) && evidenceOfUse(group)) {
        IndexCatalogCheck.Row keep = group.stream().min(KEEP_FIRST).orElseThrow();
        String column = keep.columns().split(",")[0].strip();
        group.forEach(r -> keepInstead.put(name(r), name(keep) + " (" + column + ")"));
        keepInstead.put(name(keep), null);
      }
    }
    List<Finding> reconciled = new ArrayList<>();
    for (Finding f : findings) {
      String subject = f.subject().name();
      if (!keepInstead.containsKey(subject)) {
        reconciled.add(f);
      } else if (keepInstead.get(subject) != null) {
        reconciled.add(f.withFix(keeping(f.fix(), keepInstead.get(subject))));
      }
    }
    return reconciled;
  }

  /** Valid plain indexes per table and leading key column (expression indexes lead with no column). */
  private static Map<String, List<IndexCatalogCheck.Row>> byLeadingColumn(List<IndexCatalogCheck.Row> rows) {
    Map<String, List<IndexCatalogCheck.Row>> groups = new LinkedHashMap<>();
    for (IndexCatalogCheck.Row row : rows) {
      String[] keys = row.keyAttributeList();
      if (row.valid() && keys.length > 0 && !keys[0].equals("0")) {
        groups.computeIfAbsent(row.table() + "#" + keys[0], k -> new ArrayList<>()).add(row);
      }
    }
    return groups;
  }

  private boolean evidenceOfUse(List<IndexCatalogCheck.Row> group) {
    long minAge = thresholds.unusedIndexMinStatsAge().toSeconds();
    return group.stream().anyMatch(r -> r.scans() > 0 || r.statsAgeSeconds() < minAge);
  }

  private static Fix keeping(Fix fix, String keep) {
    return new Fix(fix.kind(), fix.summary() + " Keep " + keep + ": with the other drops it is the last index that "
        + "leads with that column.", fix.sql());
  }

  private static String name(IndexCatalogCheck.Row row) {
    return row.index().toString();
  }
}
