package io.querydoctor.postgres.health.indexes;

import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.finding.Subject;
import io.querydoctor.core.report.Quantities;
import io.querydoctor.postgres.health.HealthRule;
import io.querydoctor.postgres.health.HealthThresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * unused-index: an index never scanned since the statistics reset. Unique and constraint indexes are left
 * alone (they enforce something even when never read), and so are indexes that serve a foreign key: their
 * scans come from deletes on the referenced table, which may be rare, and dropping them would turn each such
 * delete into a scan of this table (missing-fk-index). While the statistics are younger than the minimum age
 * the finding is info only, with the age, because a weekly job may still need the index.
 */
public final class UnusedIndexRule implements HealthRule<IndexCatalogCheck.Row> {

  private final HealthThresholds thresholds;

  public UnusedIndexRule(HealthThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public List<Finding> evaluate(List<IndexCatalogCheck.Row> rows) {
    long minAge = thresholds.unusedIndexMinStatsAge().toSeconds();
    List<Finding> findings = new ArrayList<>();
    for (IndexCatalogCheck.Row index : rows) {
      if (index.scans() > 0 || index.unique() || index.backsConstraint() || index.servesForeignKey()
          || !index.valid()) {
        continue;
      }
      boolean oldEnough = index.statsAgeSeconds() >= minAge;
      String age = Quantities.format(index.statsAgeSeconds(), "s");
      Finding.Builder finding = Finding.builder("unused-index", oldEnough ? Severity.LOW : Severity.INFO)
          .title("Index " + index.index() + " has not been scanned in " + age)
          .subject(Subject.index(index.index().toString()))
          .detail("No query used " + index.index() + " (" + index.columns() + ") since the statistics were reset "
              + age + " ago, yet every write to " + index.table() + " maintains it."
              + (oldEnough ? "" : " The statistics are younger than " + Quantities.format(minAge, "s")
                  + ": wait for a full cycle of jobs and reports before dropping it.")
              + " Check replicas too: their scans are not counted here.")
          .evidence(Evidence.crossed("index_scans", 0, "count", 0));
      IndexDrop.withEvidence(finding, index);
      findings.add(finding.impact(IndexDrop.impact(index))
          .fix(IndexDrop.drop(index, ", unused since the statistics reset " + age + " ago"))
          .build());
    }
    return findings;
  }
}
