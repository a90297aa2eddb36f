package io.querydoctor.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.digest.DigestFile;
import io.querydoctor.core.finding.Evidence;
import io.querydoctor.core.finding.Finding;
import io.querydoctor.core.finding.Severity;
import io.querydoctor.core.report.Report;
import io.querydoctor.iceberg.catalog.CatalogConnector;
import io.querydoctor.iceberg.catalog.CatalogSpec;
import io.querydoctor.iceberg.demo.PlantedHistory;
import io.querydoctor.iceberg.demo.PlantedWarehouse;
import io.querydoctor.iceberg.history.QueryHistory;
import io.querydoctor.iceberg.history.QueryHistoryReader;
import io.querydoctor.iceberg.metadata.TableProfileReader;
import io.querydoctor.iceberg.rules.IcebergThresholds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Iceberg rule on the planted warehouse (real Parquet files written by the Iceberg Java API, a JDBC catalog
 * on SQLite): each fires on the table planted for it, with its evidence and a fix naming the real table, and stays
 * silent on the healthy control. The last tests apply fixes with Iceberg's own API (what the Spark procedures do)
 * and show the findings go away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IcebergRulesIT {

  @TempDir
  static Path dir;

  static PlantedWarehouse warehouse;
  static Catalog catalog;
  static QueryHistory history;
  static Report report;
  static IcebergDiagnosis diagnosis = new IcebergDiagnosis(IcebergThresholds.DEFAULTS, Clock.systemUTC(), "demo");

  @BeforeAll
  static void plantAndDiagnose() throws Exception {
    warehouse = PlantedWarehouse.create(dir.resolve("warehouse"));
    CatalogConnector connector = new CatalogConnector();
    catalog = connector.open(new CatalogSpec(warehouse.catalogUrl(), "demo", null, null, null, Map.of()));
    history = new QueryHistoryReader().read(warehouse.history());
    report = diagnosis.run(catalog, connector.tables(catalog, "analytics"), history, null, null, "test", "qd",
        step -> { });
  }

  @Test
  void everyRuleFiresOnThePlantedTables() {
    assertThat(report.findings()).extracting(Finding::ruleId).containsAll(diagnosis.ruleIds());
    assertThat(report.skipped()).isEmpty();
  }

  @Test
  void healthyControlTableHasNoFindingAtAll() {
    assertThat(report.findings()).filteredOn(f -> f.allSubjects().stream()
        .anyMatch(s -> s.name().contains("daily_totals"))).isEmpty();
  }

  @Test
  void smallFilesCountsTheFilesAndTheCompactedCount() {
    Finding small = finding("small-files", "analytics.events");
    assertThat(evidence(small, "small_files")).isEqualTo(40);
    assertThat(evidence(small, "files_after_compaction")).isEqualTo(1);
    assertThat(small.fix().sql()).isEqualTo("CALL demo.system.rewrite_data_files(table => 'analytics.events', "
        + "options => map('target-file-size-bytes', '262144'));");
  }

  @Test
  void partitionPruningMissingOnTheTimeFilterAndOnTooFinePartitions() {
    Finding ts = finding("partition-pruning-missing", "analytics.events(ts)");
    assertThat(ts.severity()).isEqualTo(Severity.HIGH);
    assertThat(evidence(ts, "filter_queries")).isEqualTo(20);
    assertThat(evidence(ts, "mean_files_scanned")).isEqualTo(40);
    assertThat(evidence(ts, "bytes_per_day")).isBetween(5_000.0, 10_000.0);
    assertThat(ts.fix().sql()).startsWith("ALTER TABLE demo.analytics.events ADD PARTITION FIELD days(ts);");
    Finding hourly = finding("partition-pruning-missing", "analytics.page_views_hourly");
    assertThat(evidence(hourly, "partitions")).isEqualTo(48);
    assertThat(hourly.fix().sql()).startsWith(
        "ALTER TABLE demo.analytics.page_views_hourly REPLACE PARTITION FIELD view_ts_hour WITH days(view_ts);");
  }

  @Test
  void layoutUnsortedProposesTheFilterColumnsAsSortOrder() {
    Finding layout = finding("layout-unsorted", "analytics.events");
    assertThat(evidence(layout, "file_overlap_ratio")).isGreaterThan(0.9);
    assertThat(layout.fix().sql()).contains("WRITE ORDERED BY ts, event_type;")
        .contains("strategy => 'sort', sort_order => 'ts ASC NULLS LAST, event_type ASC NULLS LAST'");
  }

  @Test
  void bloomFilterMissingOnTheIdColumnNotOnTheLowCardinalityOne() {
    Finding bloom = finding("bloom-filter-missing", "analytics.events(user_id)");
    assertThat(bloom.fix().sql()).contains(
        "SET TBLPROPERTIES ('write.parquet.bloom-filter-enabled.column.user_id' = 'true')");
    assertThat(report.findings()).filteredOn(f -> f.subject().name().equals("analytics.events(event_type)"))
        .isEmpty();
  }

  @Test
  void nonSargablePredicateRewritesTheDateFormatFilterAsARange() {
    Finding wrapped = report.findings().stream().filter(f -> f.ruleId().equals("non-sargable-predicate"))
        .findFirst().orElseThrow();
    assertThat(wrapped.concerns()).extracting(s -> s.name()).contains("analytics.events(ts)");
    assertThat(wrapped.fix().sql()).matches(
        "SELECT count\\(\\*\\) FROM analytics.events WHERE ts >= '2024-01-\\d\\d' AND ts < '2024-01-\\d\\d'");
  }

  @Test
  void metadataRulesFireOnTheStreamingTable() {
    assertThat(evidence(finding("snapshots-accumulated", "analytics.sessions"), "snapshots")).isEqualTo(122);
    assertThat(evidence(finding("manifests-fragmented", "analytics.sessions"), "manifests")).isEqualTo(122);
    assertThat(evidence(finding("delete-files-accumulated", "analytics.sessions"), "delete_files")).isEqualTo(12);
    assertThat(evidence(finding("metadata-json-large", "analytics.sessions"), "metadata_json_size"))
        .isGreaterThan(4 * 1024 * 1024);
    assertThat(finding("delete-files-accumulated", "analytics.sessions").fix().sql())
        .contains("CALL demo.system.rewrite_position_delete_files(table => 'analytics.sessions');");
  }

  @Test
  void latencyRegressionAgainstAFasterBaseline() throws Exception {
    QueryHistory faster = new QueryHistory("baseline", QueryHistoryReader.jsonLinesForTest(
        PlantedHistory.jsonLines("analytics", 0.4)));
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    DigestFile.save(faster.digest(), Instant.now(), saved);
    DigestFile baseline = DigestFile.load(new ByteArrayInputStream(saved.toByteArray()), "baseline.json");
    Report compared = diagnosis.run(catalog, List.of(TableIdentifier.of("analytics", "daily_totals")), history,
        baseline, "baseline.json", "test", "qd", step -> { });
    assertThat(compared.findings()).extracting(Finding::ruleId).containsOnly("latency-regression");
    assertThat(compared.findings()).hasSize(4); // the four patterns with at least 10 calls
    assertThat(compared.findings().get(0).fix().summary()).startsWith("Compare what the pattern scans now and then");
    DigestFile same = DigestFile.load(new ByteArrayInputStream(save(history)), "same.json");
    assertThat(diagnosis.run(catalog, List.of(TableIdentifier.of("analytics", "daily_totals")), history, same,
        "same.json", "test", "qd", step -> { }).findings()).isEmpty();
  }

  @Test
  @Order(100)
  void theFixesMakeTheFindingsGoAway() {
    Table events = catalog.loadTable(TableIdentifier.of("analytics", "events"));
    events.updateSpec().addField(Expressions.day("ts")).commit();
    events.updateProperties().set("write.parquet.bloom-filter-enabled.column.user_id", "true").commit();
    Table sessions = catalog.loadTable(TableIdentifier.of("analytics", "sessions"));
    sessions.expireSnapshots().expireOlderThan(System.currentTimeMillis()).retainLast(10).commit();
    // What rewrite_manifests does for an unpartitioned table: every data manifest into one cluster.
    sessions.rewriteManifests().clusterBy(file -> "all").commit();
    List<Finding> after = diagnosis.check(new TableProfileReader().read("analytics.events", events), history);
    assertThat(after).extracting(Finding::subject).extracting(s -> s.name())
        .doesNotContain("analytics.events(ts)", "analytics.events(user_id)");
    List<Finding> sessionsAfter = diagnosis.check(
        new TableProfileReader().read("analytics.sessions", catalog.loadTable(TableIdentifier.of("analytics",
            "sessions"))), history);
    assertThat(sessionsAfter).extracting(Finding::ruleId)
        .doesNotContain("snapshots-accumulated", "manifests-fragmented", "metadata-json-large")
        .contains("delete-files-accumulated", "small-files");
  }

  private static byte[] save(QueryHistory h) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DigestFile.save(h.digest(), Instant.now(), out);
    return out.toByteArray();
  }

  private static Finding finding(String rule, String subject) {
    return report.findings().stream().filter(f -> f.ruleId().equals(rule) && f.subject().name().equals(subject))
        .findFirst().orElseThrow(() -> new AssertionError("no " + rule + " on " + subject + " in "
            + report.findings().stream().map(Finding::key).toList()));
  }

  private static double evidence(Finding finding, String name) {
    return finding.evidence().stream().filter(e -> e.name().equals(name)).mapToDouble(Evidence::value)
        .findFirst().orElseThrow(() -> new AssertionError("no evidence " + name + " in " + finding.evidence()));
  }

  static String read(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
