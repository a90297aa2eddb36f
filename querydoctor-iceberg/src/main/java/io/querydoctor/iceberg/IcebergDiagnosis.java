package io.querydoctor.iceberg;

import io.querydoctor.core.digest.BaselineChanges;
import io.querydoctor.core.digest.BaselineComparison;
import io.querydoctor.core.digest.DigestFile;
import io.querydoctor.core.digest.DigestSort;
import io.querydoctor.core.digest.DigestThresholds;
import io.querydoctor.core.digest.WorkloadDigest;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Fix;
import io.querydoctor.core.report.Report;
import io.querydoctor.core.report.SkippedCheck;
import io.querydoctor.core.report.WorkloadSection;
import io.querydoctor.iceberg.catalog.CatalogConnector;
import io.querydoctor.iceberg.history.QueryHistory;
import io.querydoctor.iceberg.metadata.TableProfile;
import io.querydoctor.iceberg.metadata.TableProfileReader;
import io.querydoctor.iceberg.rules.BloomFilterMissingRule;
import io.querydoctor.iceberg.rules.DeleteFilesAccumulatedRule;
import io.querydoctor.iceberg.rules.IcebergThresholds;
import io.querydoctor.iceberg.rules.LayoutUnsortedRule;
import io.querydoctor.iceberg.rules.ManifestsFragmentedRule;
import io.querydoctor.iceberg.rules.MetadataJsonLargeRule;
import io.querydoctor.iceberg.rules.PartitionPruningMissingRule;
import io.querydoctor.iceberg.rules.SmallFilesRule;
import io.querydoctor.iceberg.rules.SnapshotsAccumulatedRule;
import io.querydoctor.iceberg.rules.SparkSql;
import io.querydoctor.iceberg.rules.TableContext;
import io.querydoctor.iceberg.rules.TableRule;
import io.querydoctor.iceberg.rules.WrappedTimeFilterRule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Diagnoses Iceberg tables from their metadata: reads each table's profile, runs every {@link TableRule} on it
 * with the query history's use of the table, and digests the history by query pattern (with
 * {@code latency-regression} against a saved baseline). The same report as every other QueryDoctor command.
 */
public final class IcebergDiagnosis {

  /**
   * What to do about a query pattern that got slower on Iceberg (core's regression fix speaks of PostgreSQL plans):
   * the runbook's root-cause steps, l. 32-57.
   */
  static final Fix REGRESSION_FIX = Fix.action("Compare what the pattern scans now and then (files and bytes "
      + "scanned per query, partitions pruned), then the table's findings here: new small files, delete files, "
      + "a changed partition spec or an unsorted rewrite are the usual causes.");

  /** How many query patterns the report's workload section lists (the runbook's LIMIT 10). */
  static final int TOP_PATTERNS = 10;

  private final IcebergThresholds thresholds;
  private final Clock clock;
  private final SparkSql spark;
  private final List<TableRule> rules;

  /**
   * @param sparkCatalog the catalog's name in the fixes' Spark SQL ({@code CALL <name>.system…})
   */
  public IcebergDiagnosis(IcebergThresholds thresholds, Clock clock, String sparkCatalog) {
    this.thresholds = thresholds;
    this.clock = clock;
    this.spark = new SparkSql(sparkCatalog);
    this.rules = List.of(new SmallFilesRule(), new PartitionPruningMissingRule(), new LayoutUnsortedRule(),
        new BloomFilterMissingRule(), new DeleteFilesAccumulatedRule(), new SnapshotsAccumulatedRule(clock),
        new ManifestsFragmentedRule(), new MetadataJsonLargeRule(clock), new WrappedTimeFilterRule());
  }

  /**
   * Diagnoses {@code tables} of {@code catalog}. A table that cannot be loaded is listed as skipped, with why;
   * {@code history} may be {@link QueryHistory#NONE}; {@code baseline} may be null.
   */
  public Report run(Catalog catalog, List<TableIdentifier> tables, QueryHistory history, DigestFile baseline,
      String baselineName, String target, String tool, Consumer<String> progress) {
    long started = clock.millis();
    List<Finding> findings = new ArrayList<>();
    List<SkippedCheck> skipped = new ArrayList<>();
    for (TableIdentifier id : tables) {
      progress.accept("reading the metadata of " + id);
      TableProfile profile;
      try {
        Table table = catalog.loadTable(id);
        profile = new TableProfileReader().read(id.toString(), table);
      } catch (RuntimeException e) {
        skipped.add(new SkippedCheck("table " + id, "cannot read its metadata: " + CatalogConnector.firstLine(e)));
        continue;
      }
      findings.addAll(check(profile, history));
    }
    if (history.isEmpty()) {
      rules.stream().filter(TableRule::needsHistory).forEach(rule -> skipped.add(new SkippedCheck(rule.id(),
          "needs a query history (--history FILE): it reads which columns the queries filter on")));
    }
    WorkloadSection workload = null;
    if (!history.isEmpty()) {
      WorkloadDigest digest = history.digest();
      BaselineChanges changes = baseline == null ? null
          : new BaselineComparison(DigestThresholds.DEFAULTS).compare(digest, baseline, baselineName);
      if (changes != null) {
        changes.regressions().forEach(regression -> findings.add(regression.withFix(REGRESSION_FIX)));
      }
      workload = new WorkloadSection("mean", digest.top(TOP_PATTERNS, DigestSort.MEAN), changes);
    }
    return new Report(Report.SCHEMA_VERSION, tool, clock.instant(), target, clock.millis() - started, findings,
        skipped, workload);
  }

  /** The findings of every rule on one table's profile. */
  public List<Finding> check(TableProfile profile, QueryHistory history) {
    TableContext context = new TableContext(profile, history.isEmpty() ? null : history.usage(profile.name()),
        history.hours(), thresholds, spark);
    List<Finding> findings = new ArrayList<>();
    for (TableRule rule : rules) {
      findings.addAll(rule.check(context));
    }
    return findings;
  }

  /** Every rule id this diagnosis can report. */
  public List<String> ruleIds() {
    return rules.stream().map(TableRule::id).toList();
  }
}
