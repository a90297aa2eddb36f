package io.querydoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.querydoctor.iceberg.demo.PlantedHistory;
import io.querydoctor.iceberg.demo.PlantedWarehouse;
import io.querydoctor.iceberg.demo.TableWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code querydoctor iceberg check} end to end on the planted warehouse (a JDBC catalog on SQLite, real Parquet
 * files): every report format, the exit codes, the healthy table, a Hadoop catalog, history baselines and the
 * one-line errors.
 */
class IcebergCheckIT {

  private static final String[] RULES = {"small-files", "partition-pruning-missing", "layout-unsorted",
      "bloom-filter-missing", "delete-files-accumulated", "snapshots-accumulated", "manifests-fragmented",
      "metadata-json-large", "non-sargable-predicate"};

  @TempDir
  static Path dir;

  static PlantedWarehouse warehouse;

  @BeforeAll
  static void plant() throws Exception {
    warehouse = PlantedWarehouse.create(dir.resolve("warehouse"));
  }

  private static CliRun check(String... more) {
    List<String> args = new ArrayList<>(List.of("iceberg", "check", "--catalog", warehouse.catalogUrl(),
        "--catalog-name", "demo", "-q"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void textReportShowsEveryPlantedProblemWithItsFixAndFailsOnHigh() {
    CliRun run = check("--all", "analytics", "--history", warehouse.history().toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out()).contains(RULES)
        .contains("ALTER TABLE demo.analytics.events ADD PARTITION FIELD days(ts);")
        .doesNotContain("daily_totals |");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void jsonFollowsTheSchemaAndNamesNoHealthyTable() throws Exception {
    CliRun run = check("--all", "analytics", "--history", warehouse.history().toString(), "--format", "json",
        "--fail-on", "none");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(Path.of("..", "docs", "report.schema.json"))).validate(report)).isEmpty();
    List<String> rules = new ArrayList<>();
    report.get("findings").forEach(f -> rules.add(f.get("ruleId").asText()));
    assertThat(rules).contains(RULES);
    assertThat(run.out()).doesNotContain("analytics.daily_totals\"");
    assertThat(report.at("/workload/digest/shapes")).hasSize(6);
  }

  @Test
  void markdownHtmlSarifAndJunitToo() throws Exception {
    String history = warehouse.history().toString();
    CliRun markdown = check("--all", "analytics", "--history", history, "--format", "markdown");
    assertThat(markdown.out()).contains("layout-unsorted").contains("CALL demo.system.rewrite_manifests");
    CliRun html = check("--all", "analytics", "--history", history, "--format", "html");
    assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("bloom-filter-missing");
    CliRun sarif = check("--all", "analytics", "--history", history, "--format", "sarif");
    try (InputStream schema = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema)
          .validate(new ObjectMapper().readTree(sarif.out()))).isEmpty();
    }
    assertThat(sarif.out()).contains("snapshots-accumulated");
    CliRun junit = check("--all", "analytics", "--history", history, "--format", "junit", "--fail-on", "medium");
    var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(junit.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(xml.getElementsByTagName("failure").getLength()).isGreaterThanOrEqualTo(RULES.length);
    for (CliRun run : List.of(markdown, html, sarif, junit)) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FINDINGS);
    }
  }

  @Test
  void theHealthyTableHasNothingAtMediumOrAbove() {
    CliRun run = check("--table", "analytics.daily_totals", "--history", warehouse.history().toString(),
        "--fail-on", "low");
    assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.CLEAN);
  }

  @Test
  void latencyRegressionAgainstASavedHistoryBaseline() throws Exception {
    Path faster = Files.writeString(dir.resolve("last-week.jsonl"), PlantedHistory.jsonLines("analytics", 0.4));
    Path baseline = dir.resolve("baseline.json");
    CliRun save = check("--table", "analytics.daily_totals", "--history", faster.toString(),
        "--save-history-baseline", baseline.toString());
    assertThat(save.exitCode()).as(save.err()).isEqualTo(ExitCode.CLEAN);
    CliRun compared = check("--table", "analytics.daily_totals", "--history", warehouse.history().toString(),
        "--history-baseline", baseline.toString(), "--fail-on", "none");
    assertThat(compared.out()).contains("latency-regression").contains("2.5×");
  }

  @Test
  void aHadoopCatalogIsAWarehouseDirectory() throws Exception {
    Path hadoopWarehouse = dir.resolve("hadoop");
    HadoopCatalog catalog = new HadoopCatalog(new Configuration(), hadoopWarehouse.toUri().toString());
    Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    Table table = catalog.createTable(TableIdentifier.of("db", "t"), schema, PartitionSpec.unpartitioned(), Map.of());
    TableWriter writer = new TableWriter(table);
    AppendFiles append = table.newAppend();
    for (int file = 0; file < 6; file++) {
      Record r = GenericRecord.create(schema);
      r.setField("id", (long) file);
      append.appendFile(writer.dataFile(List.of(r)));
    }
    append.commit();
    CliRun run = CliRun.of("iceberg", "check", "--catalog", hadoopWarehouse.toString(), "--table", "db.t", "-q",
        "--fail-on", "none");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.CLEAN);
    assertThat(run.out()).contains("6 small files in db.t")
        .contains("CALL iceberg.system.rewrite_data_files(table => 'db.t'");
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo() throws Exception {
    CliRun noTable = check("--table", "events");
    assertThat(noTable.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(noTable.errorLine()).isEqualTo("querydoctor: --table events: name it as NAMESPACE.TABLE, e.g. db.events");
    Path bad = Files.writeString(dir.resolve("bad.csv"), "sql,latency_ms\nSELECT 1,slow\n");
    CliRun badHistory = check("--all", "analytics", "--history", bad.toString());
    assertThat(badHistory.errorLine()).isEqualTo(
        "querydoctor: bad query history: bad.csv line 2: latency 'slow' is not a number of milliseconds >= 0");
    CliRun missing = check("--all", "nowhere");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(missing.errorLine()).isEqualTo("querydoctor: namespace nowhere does not exist in catalog demo");
    CliRun unreachable = CliRun.of("iceberg", "check", "--catalog",
        "jdbc:postgresql://127.0.0.1:1/iceberg?user=ice&password=s3cr3t-pw", "--all", "db", "-q");
    assertThat(unreachable.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(unreachable.err()).contains("cannot connect to the JDBC catalog at jdbc:postgresql://127.0.0.1:1/iceberg")
        .doesNotContain("s3cr3t-pw").hasLineCount(1);
    CliRun rest = CliRun.of("iceberg", "check", "--catalog", "http://127.0.0.1:1/api", "--catalog-property",
        "token=s3cr3t-token", "--all", "db", "-q");
    assertThat(rest.exitCode()).isEqualTo(ExitCode.ERROR);
    assertThat(rest.errorLine()).startsWith("querydoctor: cannot open the rest catalog at http://127.0.0.1:1/api: ");
    assertThat(rest.err()).doesNotContain("s3cr3t-token");
  }
}
